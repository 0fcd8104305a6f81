"""Stories: near-duplicates shown once, documents grouped into stories as they arrive, each story's
timeline, and the disputes between sources.

``place_in_story`` runs at ingest, inside the document's transaction; the rest reads the store.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import numpy as np

from tidings.clean.normalize import normalize
from tidings.enrich.dates import parse_iso
from tidings.enrich.tokens import tokenize
from tidings.store import SQLiteStore
from tidings.stories.clustering import (
    SALIENT_MENTIONS,
    DocumentSketch,
    LanguageSum,
    StorySketch,
    place,
    term_vector,
)
from tidings.stories.disputes import find_disputes
from tidings.stories.duplicates import DuplicateIndex, signature
from tidings.stories.timeline import timeline

__all__ = ["backfill_stories", "find_disputes", "list_stories", "place_in_story", "timeline"]

# The first sentences of a document: an entity named there is salient even if named once.
LEAD_SENTENCES = 3
# The lead whose words make a document's term vector: about the text its lead vector embeds.
LEAD_CHARS = 600
# How many of a story's most named entities ``stories`` lists.
STORY_ENTITIES = 8


def _duplicates(store: SQLiteStore) -> DuplicateIndex:
    if "duplicates" not in store.cache:
        store.cache["duplicates"] = DuplicateIndex.build(store.signatures())
    index: DuplicateIndex = store.cache["duplicates"]
    return index


def _sketches(store: SQLiteStore) -> dict[int, StorySketch]:
    """Every story's sketch, loaded once per process and kept up to date by this process's writes."""
    if "stories" not in store.cache:
        counts = store.story_entity_counts(SALIENT_MENTIONS, LEAD_SENTENCES)
        languages = store.story_language_sums()
        store.cache["stories"] = {
            int(r["id"]): StorySketch(
                int(r["id"]),
                {
                    language: LanguageSum(np.frombuffer(vector_sum, dtype=np.float32).copy(), size)
                    for language, size, vector_sum in languages.get(int(r["id"]), [])
                },
                counts.get(int(r["id"]), Counter()),
                parse_iso(r["first_seen"]),
                parse_iso(r["last_seen"]),
                Counter(json.loads(r["term_sum"])),
            )
            for r in store.story_rows()
        }
    sketches: dict[int, StorySketch] = store.cache["stories"]
    return sketches


def place_in_story(store: SQLiteStore, doc_id: str) -> int:
    """Put a stored document in its story: a near-duplicate's, the closest one, or a new one.

    Call inside the document's transaction, after its vectors and entities are stored.
    """
    text, published, vector, title, language = store.story_inputs(doc_id)
    values = signature(text)
    index = _duplicates(store)  # before this document's signature is stored, or it finds itself
    store.add_signature(doc_id, values)
    original = index.find(values, excluding=doc_id)
    index.add(doc_id, values)
    sketches = _sketches(store)
    lead = store.lead_tokens(doc_id, LEAD_CHARS)
    lead.update(tokenize(normalize(title)) if title else [])
    frequency_of_terms = store.token_document_frequency(sorted(lead))
    doc = DocumentSketch(
        doc_id,
        vector if vector is not None else np.zeros(384, dtype=np.float32),
        store.salient_entities(doc_id, SALIENT_MENTIONS, LEAD_SENTENCES),
        parse_iso(published),
        term_vector(lead, frequency_of_terms, store.document_count()),
        language,
    )
    story: StorySketch | None = None
    merged: list[StorySketch] = []
    if original is not None:
        home = store.story_of(original[0])
        story = sketches.get(home) if home is not None else None
    if story is None:
        frequency = store.entity_document_frequency(sorted(doc.entities))
        story, merged = place(doc, list(sketches.values()), frequency, store.document_count())
    if story is None:
        story = StorySketch(0)
    elif merged:  # the stories merge into the oldest, so a story keeps the id it began with
        story, *merged = sorted([story, *merged], key=lambda s: s.id)
    for other in merged:
        store.merge_stories(other.id, into=story.id)
        story.absorb(other)
        sketches.pop(other.id, None)
    story.add(doc)
    story.id = store.save_story(
        story,
        story.first.isoformat() if story.first else published,
        story.last.isoformat() if story.last else published,
    )
    sketches[story.id] = story
    store.put_in_story(doc_id, story.id, original[0] if original else None)
    return story.id


def backfill_stories(store: SQLiteStore) -> int:
    """Place documents stored before the store had stories (schema 5), oldest first."""
    missing = store.documents_without_story()
    for doc_id in missing:
        with store.transaction():
            place_in_story(store, doc_id)
    return len(missing)


def _title(rows: list[Any], vector_sum: np.ndarray) -> str:
    """The title of the document nearest the story's centre (its first sentence if untitled)."""
    best, best_score = rows[0], -2.0
    for row in rows:
        if row["vector"] is None:
            continue
        vector = np.frombuffer(row["vector"], dtype=np.float16).astype(np.float32)
        score = float(vector @ vector_sum) / (float(np.linalg.norm(vector)) or 1.0)
        if row["title"] and score > best_score:
            best, best_score = row, score
    return str(best["title"] or best["first_sentence"] or best["doc_id"])


def list_stories(store: SQLiteStore, min_documents: int = 1) -> list[dict[str, Any]]:
    """The ``stories`` contract, largest and latest first. Near-duplicates are listed once, under
    the document they copy, with their sources in ``duplicates``."""
    out = []
    for story in store.story_rows():
        rows = [dict(r) for r in store.story_documents(int(story["id"]))]
        if not rows or len(rows) < min_documents:
            continue
        for row in rows:
            row["first_sentence"] = store.first_sentence(row["doc_id"])
        copies: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            if row["duplicate_of"]:
                copies.setdefault(row["duplicate_of"], []).append(
                    {"doc_id": row["doc_id"], "source": row["source"]}
                )
        vector_sum = np.frombuffer(story["vector_sum"], dtype=np.float32)
        out.append(
            {
                "id": f"s{story['id']}",
                "title": _title(rows, vector_sum),
                "documents": [
                    {
                        "doc_id": r["doc_id"],
                        "source": r["source"],
                        "title": r["title"],
                        **({"duplicates": copies[r["doc_id"]]} if r["doc_id"] in copies else {}),
                    }
                    for r in rows
                    if not r["duplicate_of"]
                ],
                "first_seen": story["first_seen"],
                "last_seen": story["last_seen"],
                "entities": store.story_entities(int(story["id"]), STORY_ENTITIES),
            }
        )
    out.sort(key=lambda s: (len(s["documents"]), s["last_seen"] or ""), reverse=True)
    return out
