"""Enrich: what a document says beyond its words, read before it is stored.

Tokens and embeddings (``tokens``, ``embed``) feed the indexes; :func:`read_document` reads the
entities, facts and dates that the stories room and answers reason with.
"""

from __future__ import annotations

from dataclasses import dataclass

from tidings.enrich.dates import DateMention, find_dates
from tidings.enrich.entities import DocEntity, Mention, find_mentions, group_mentions
from tidings.enrich.facts import Fact, sentence_facts
from tidings.models import Sentence

__all__ = ["Reading", "read_document"]


@dataclass
class Reading:
    """What enrich reads in a document beyond its words: entities, facts, and dated sentences."""

    entities: list[DocEntity]
    facts: list[Fact]
    dates: list[tuple[int, DateMention]]  # (sentence position, date)


def read_document(
    sentences: list[Sentence], language: str, published: str | None, known: dict[str, str] | None = None
) -> Reading:
    """The document's entities (mentions grouped within it), the facts its sentences state and the
    dates they give. ``known``: names the store already holds, looked for in this document too."""
    mentions = find_mentions(sentences, language, known)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    facts: list[Fact] = []
    dates: list[tuple[int, DateMention]] = []
    for s in sentences:
        found = find_dates(s.normalized, published, language)
        dates += [(s.position, d) for d in found]
        facts += sentence_facts(
            s.normalized, s.position, by_sentence.get(s.position, []), published, language, found
        )
    return Reading(group_mentions(mentions), facts, dates)
