"""Reciprocal rank fusion: combine rankings from different retrievers without calibrating scores."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

# The RRF constant. 60 is the original paper's (Cormack et al., 2009); on CMRC 2018 dev (bench/qa.py,
# every other question) 10, 30 and 60 gave paragraph recall@1 of 0.976, 0.974 and 0.974: a wash.
RRF_K = 30


def rrf(
    rankings: Sequence[Sequence[K]], weights: Sequence[float] | None = None, k: int = RRF_K
) -> dict[K, float]:
    """Fused score per key: the sum over rankings of weight / (k + rank), rank counted from 1."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[K, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, key in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + weight / (k + rank)
    return fused
