"""Store: the Parquet tables, the cross-note links, and the queries and reports over them."""
from .store import Store, default_store_dir, open_store

__all__ = ["Store", "open_store", "default_store_dir"]
