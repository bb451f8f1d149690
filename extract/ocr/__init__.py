"""OCR of scanned pages: when a page gets it and what a note says of it (policy.py), and the
reading of a page image with OpenCV and Tesseract (image.py), loaded only for a page that needs it."""
