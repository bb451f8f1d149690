"""`python -m somnotes ...` is `somnotes ...`."""
from .ingest.cli import main

main()
