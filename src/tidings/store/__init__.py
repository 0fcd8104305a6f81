"""Store: where documents, sentences and the index live. SQLite is the embedded default."""

from tidings.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore"]
