"""Index: find candidate sentences for a question (lexical BM25 now; vectors come next)."""

from tidings.index.lexical import Hit, TermStats, search, term_stats

__all__ = ["Hit", "TermStats", "search", "term_stats"]
