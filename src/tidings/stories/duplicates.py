"""Near-duplicates: syndicated and lightly edited copies of one report, found by MinHash.

Each document's normalised text (Simplified, NFKC, no spaces or punctuation) is cut into
character shingles; datasketch's MinHash estimates the Jaccard similarity of two documents'
shingle sets, and its LSH index finds the candidates without comparing every pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

# datasketch is imported where it is used: importing it imports scipy's integrators (half a
# second), which a command that only asks a question never needs.
if TYPE_CHECKING:
    from datasketch import MinHashLSH

# Shingles of this many characters: long enough that two unrelated Chinese articles share few
# (a Chinese word is 2-3 characters), short enough that an edit changes only a few.
SHINGLE_CHARS = 5
NUM_PERM = 128
# The hashing scheme, fixed: signatures are stored, and must be comparable across versions.
SCHEME = "affine32"
# Estimated Jaccard similarity of shingle sets above which one document is a copy of another.
# A syndicated copy with a new headline, byline or a changed paragraph scores 0.7-0.95; two
# articles on the same event by different outlets score under 0.2 (the seeds: at most 0.05).
DUPLICATE_JACCARD = 0.6

_NOT_TEXT = re.compile(r"[\W_]+", re.UNICODE)


def signature(normalized_text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM unsigned 32-bit values) of a document's normalised text."""
    from datasketch import MinHash

    text = _NOT_TEXT.sub("", normalized_text.lower())
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    shingles = {text[i : i + SHINGLE_CHARS] for i in range(max(1, len(text) - SHINGLE_CHARS + 1))}
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


@dataclass
class DuplicateIndex:
    """The signatures of the documents stored so far, searchable for near-duplicates."""

    lsh: MinHashLSH
    signatures: dict[str, np.ndarray]

    @classmethod
    def build(cls, stored: list[tuple[str, np.ndarray]]) -> DuplicateIndex:
        from datasketch import MinHashLSH

        index = cls(MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM), {})
        for doc_id, values in stored:
            index.add(doc_id, values)
        return index

    def add(self, doc_id: str, values: np.ndarray) -> None:
        from datasketch import MinHash

        if doc_id not in self.signatures:
            self.lsh.insert(doc_id, MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME))
            self.signatures[doc_id] = values

    def find(self, values: np.ndarray, excluding: str | None = None) -> tuple[str, float] | None:
        """The stored document most like this one, if it is a near-duplicate, and the similarity."""
        from datasketch import MinHash

        query = MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)
        best: tuple[str, float] | None = None
        for doc_id in self.lsh.query(query):
            if doc_id == excluding:
                continue
            similarity = float(np.mean(self.signatures[doc_id] == values))
            if similarity >= DUPLICATE_JACCARD and (best is None or similarity > best[1]):
                best = (doc_id, similarity)
        return best
