"""Publish: what people read, made from the store (an HTML report, a workbook, a draft note).

Reads the store only through `store.queries` and `Store`; never writes it.
"""
