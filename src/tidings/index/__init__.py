"""Index: find candidate documents and sentences for a question, by words (BM25) and by meaning (vectors)."""

from tidings.index.hybrid import rrf
from tidings.index.lexical import Hit, TermStats, held, search, search_documents, term_stats
from tidings.index.vectors import LeadIndex, PassageHit, VectorIndex, lead_index, vector_index

__all__ = [
    "Hit",
    "LeadIndex",
    "PassageHit",
    "TermStats",
    "VectorIndex",
    "held",
    "lead_index",
    "rrf",
    "search",
    "search_documents",
    "term_stats",
    "vector_index",
]
