"""Vector search over passage embeddings: exact cosine, in memory, refreshed as passages arrive.

Exact search over a float32 matrix is fast enough for a laptop's store (a million passages is a
1.5 GB matrix and about a second a query on 2 cores); the server store will use pgvector.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tidings.models import Vectors
from tidings.store import SQLiteStore


@dataclass(frozen=True)
class PassageHit:
    passage_id: int
    doc_id: str
    first: int
    last: int
    score: float  # cosine similarity


def _nearest(matrix: Vectors, query: Vectors, limit: int) -> tuple[list[int], Vectors]:
    """Row numbers of the ``limit`` rows most similar to ``query``, best first, and every row's score."""
    scores = matrix @ query
    k = min(limit, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    return [int(i) for i in top[np.argsort(-scores[top])]], scores


class VectorIndex:
    """Holds every passage vector of a store; :meth:`refresh` loads only the ones added since."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self.meta: list[tuple[int, str, int, int]] = []
        self.matrix: Vectors = np.zeros((0, 384), dtype=np.float32)
        self.by_doc: dict[str, list[tuple[int, int, int]]] = {}  # doc -> (first, last, row)

    def refresh(self) -> None:
        last = self.meta[-1][0] if self.meta else 0
        meta, matrix = self.store.passage_vectors(after_id=last)
        if meta:
            for row, (_, doc_id, first, end) in enumerate(meta, start=len(self.meta)):
                self.by_doc.setdefault(doc_id, []).append((first, end, row))
            self.meta.extend(meta)
            self.matrix = np.vstack([self.matrix, matrix]) if len(self.matrix) else matrix

    def similarity(self, query: Vectors, doc_id: str, position: int) -> float:
        """Cosine between ``query`` and the passage holding sentence ``position`` of ``doc_id``."""
        for first, last, row in self.by_doc.get(doc_id, ()):
            if first <= position <= last:
                return float(self.matrix[row] @ query)
        return 0.0

    def vector_of(self, doc_id: str, position: int) -> Vectors | None:
        """The vector of the passage holding sentence ``position`` of ``doc_id``."""
        self.refresh()
        for first, last, row in self.by_doc.get(doc_id, ()):
            if first <= position <= last:
                vector: Vectors = self.matrix[row]
                return vector
        return None

    def search(self, query: Vectors, limit: int) -> list[PassageHit]:
        self.refresh()
        if not self.meta:
            return []
        top, scores = _nearest(self.matrix, query, limit)
        hits = []
        for i in top:
            passage_id, doc_id, first, last = self.meta[i]
            hits.append(PassageHit(passage_id, doc_id, first, last, float(scores[i])))
        return hits


class LeadIndex:
    """One vector per document (its title and lead), for ranking whole documents."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self.meta: list[tuple[int, str]] = []
        self.matrix: Vectors = np.zeros((0, 384), dtype=np.float32)

    def refresh(self) -> None:
        last = self.meta[-1][0] if self.meta else 0
        meta, matrix = self.store.lead_vectors(after_rowid=last)
        if meta:
            self.meta.extend(meta)
            self.matrix = np.vstack([self.matrix, matrix]) if len(self.matrix) else matrix

    def search(self, query: Vectors, limit: int) -> list[tuple[str, float]]:
        self.refresh()
        if not self.meta:
            return []
        top, scores = _nearest(self.matrix, query, limit)
        return [(self.meta[i][1], float(scores[i])) for i in top]


def lead_index(store: SQLiteStore) -> LeadIndex:
    index = store.cache.get("leads")
    if not isinstance(index, LeadIndex):
        index = store.cache["leads"] = LeadIndex(store)
    return index


def vector_index(store: SQLiteStore) -> VectorIndex:
    """The store's vector index, kept in the store's cache for the life of the store object."""
    index = store.cache.get("vectors")
    if not isinstance(index, VectorIndex):
        index = store.cache["vectors"] = VectorIndex(store)
    return index
