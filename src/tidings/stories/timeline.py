"""A story's timeline: its dated events in date order, each told once with every source cited.

The events are the story's sentences that give a date to the day or the month. Sentences that give
the same date and share enough of their words (or the entity and attribute of a fact) tell the
same event: one entry, cited to each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tidings import index
from tidings.enrich.dates import parse_iso
from tidings.models import Citation, Vectors
from tidings.store import SQLiteStore

# Two sentences with the same date tell the same event when they share at least EVENT_SHARED words
# and entities, and that is at least EVENT_OVERLAP of the shorter one's: the seeds' two accounts of
# the lawsuit being filed (当地时间2月29日晚间 ... 起诉OpenAI; 3月1日 ... Musk Elon ... 诉讼文件)
# share 6 of 25 (0.24); different things told on one day in the seeds share at most one.
EVENT_OVERLAP = 0.2
EVENT_SHARED = 3
# Across languages words cannot be shared: two sentences of one date are one event when their
# passages' embeddings are this close. The demo's Chinese and English reports of one event:
# 0.84-0.85; its reports of different events: 0.74-0.81.
CROSS_LANGUAGE_EVENT_COSINE = 0.82
_DATE_WORD = re.compile(r"\d+|[年月日号]|当地|时间")
# Year-only dates (2015年) place background, not events.
MIN_PRECISION = len("YYYY-MM")


@dataclass
class TimelineEntry:
    date: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    local_time: bool = False
    language: str = ""
    vector: Vectors | None = None

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "text": self.text, "citations": [c.to_json() for c in self.citations]}


def _overlap(a: set[str], b: set[str]) -> float:
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= EVENT_SHARED else 0.0


def _same_day(entry: TimelineEntry, value: str, local_time: bool) -> bool:
    """The same date, or a day apart where one source gives local time (当地时间2月29日晚间 in
    California is 3月1日 in Beijing)."""
    if entry.date == value:
        return True
    first, second = parse_iso(entry.date), parse_iso(value)
    if len(entry.date) != 10 or len(value) != 10 or first is None or second is None:
        return False
    return (entry.local_time or local_time) and abs((first - second).days) == 1


def _same_event(entry: TimelineEntry, tokens: set[str], language: str, vector: Vectors | None) -> bool:
    if entry.language != language and entry.vector is not None and vector is not None:
        return float(entry.vector @ vector) >= CROSS_LANGUAGE_EVENT_COSINE
    return _overlap(entry.tokens, tokens) >= EVENT_OVERLAP


def timeline(store: SQLiteStore, story_id: int) -> list[TimelineEntry]:
    rows = [r for r in store.story_dates(story_id) if len(r["value"]) >= MIN_PRECISION]
    sentences = store.sentences_by_id([int(r["sentence_id"]) for r in rows])
    # Entities count as words, whatever their spelling: 马斯克 in one account, Musk Elon in another.
    named = store.sentence_entities(sorted({str(r["doc_id"]) for r in rows}))
    vectors = index.vector_index(store)
    entries: list[TimelineEntry] = []
    seen: set[int] = set()
    for row in sorted(rows, key=lambda r: (r["value"], sentences[int(r["sentence_id"])]["published"] or "")):
        sentence = sentences[int(row["sentence_id"])]
        if int(row["sentence_id"]) in seen or sentence["duplicate_of"]:
            continue  # one sentence with two dates is one event; a copy's sentence adds no source
        seen.add(int(row["sentence_id"]))
        tokens = {t for t in str(sentence["tokens"]).split() if not _DATE_WORD.fullmatch(t)}
        tokens |= {f"@{e}" for e in named.get((sentence["doc_id"], int(sentence["position"])), ())}
        local = bool(row["local_time"])
        language = str(sentence["language"])
        vector = vectors.vector_of(sentence["doc_id"], int(sentence["position"]))

        same = next(
            (
                e
                for e in entries
                if _same_day(e, row["value"], local) and _same_event(e, tokens, language, vector)
            ),
            None,
        )
        citation = Citation.from_row(sentence)
        if same is None:
            entries.append(
                TimelineEntry(row["value"], sentence["text"], [citation], tokens, local, language, vector)
            )
        elif all(c.doc_id != citation.doc_id for c in same.citations):
            same.citations.append(citation)
            same.tokens |= tokens
            if local and not same.local_time:  # the date where it happened
                same.date, same.local_time = row["value"], True
    return sorted(entries, key=lambda e: e.date)
