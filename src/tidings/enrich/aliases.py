"""Aliases: each document's entities linked to the entities already known, as documents arrive.

A document entity joins a known entity when they share a name of their own (OpenAI; 萨姆·奥尔特曼;
Sam Altman given in apposition to 奥尔特曼 in one article and written out in another), or the
gazetteer's English for one is the other's name (马斯克 -> Elon Musk). Weaker evidence - a bare
surname that elsewhere is part of a full name (基辛格 of 帕特·基辛格), or a transliteration that
sounds like a known one (奥特曼 ~ 奥尔特曼 ~ 阿尔特曼) - links only when the two also share context:
some other entity of this document is known to appear beside the candidate. That keeps 基辛格 in
an article on chips (beside 英特尔) apart from 基辛格 in one on diplomacy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tidings.enrich.entities import DocEntity
from tidings.enrich.lexicon import lexicon
from tidings.enrich.names import (
    is_latin,
    is_transliteration,
    name_key,
    name_parts,
    romanized,
    sound_similarity,
)

# Two transliterations at least this alike in sound may be one name (with shared context).
# 奥特曼/奥尔特曼 score 1.0, 阿尔特曼/奥尔特曼 0.93, 伊隆/埃隆 马斯克 0.9; 马斯克/马克 0.8 and
# 基辛格/辛格 0.8 must stay apart. Chosen on the seed articles' names.
SOUND_MIN = 0.86
# Transliterations shorter than this are too short to compare by sound (萨姆, 山姆 are first names).
SOUND_MIN_CHARS = 3


@dataclass(frozen=True)
class KnownName:
    entity_id: int
    key: str
    surface: str
    kind: str  # full, part or gloss
    type: str
    mentions: int


class EntityDirectory(Protocol):
    """What linking needs from the store; :class:`tidings.store.SQLiteStore` provides it."""

    def names_by_key(self, keys: set[str]) -> list[KnownName]: ...

    def transliterated_names(self) -> list[KnownName]: ...

    def neighbours(self, entity_id: int) -> set[int]: ...


def own_keys(entity: DocEntity) -> set[str]:
    """Keys of the names the entity goes by on its own (not its parts), reversed Latin pairs too."""
    keys = set()
    for surface in [*entity.surfaces, *entity.english]:
        if surface in entity.parts:
            continue
        keys.add(name_key(surface))
        parts = name_parts(surface)
        if is_latin(surface) and len(parts) == 2:
            keys.add(name_key(" ".join(reversed(parts))))  # Musk Elon, as Chinese order writes it
        if entity.type == "PER" and len(surface) == 3:
            keys.update(romanized(surface))  # 林嘉禾 is Lin Jiahe (or Jiahe Lin)
    return keys


def gloss_keys(entity: DocEntity) -> set[str]:
    """The gazetteer's English names of the entity's Chinese names, when the text gives none."""
    if entity.english - entity.parts:
        return set()  # the text's own English (帕特·基辛格(Pat Gelsinger)) beats the dictionary's
    proper = lexicon().proper
    return {name_key(proper[s].english) for s in entity.surfaces if s in proper and s not in entity.parts}


def _standalone_parts(entity: DocEntity) -> set[str]:
    return {name_key(p) for p in entity.parts}


@dataclass
class Link:
    """Where a document entity goes: an existing entity (and others found to be the same), or new."""

    entity: DocEntity
    target: int | None
    also: list[int]


def link(entities: list[DocEntity], directory: EntityDirectory) -> list[Link]:
    """Decide, for each of a document's entities, which known entity it is (or that it is new)."""
    links: dict[int, Link] = {}
    order = sorted(range(len(entities)), key=lambda i: -len(entities[i].mentions))
    # 1. Shared names of their own, and gazetteer English: strong, no context needed.
    for i in order:
        entity = entities[i]
        keys = own_keys(entity) | gloss_keys(entity)
        matches = [n for n in directory.names_by_key(keys) if n.kind in ("full", "gloss")]
        if entity.type == "PER":
            matches = [n for n in matches if n.type == "PER" or n.kind == "full"]
        ids = sorted({n.entity_id for n in matches})
        if ids:
            links[i] = Link(entity, ids[0], ids[1:])
    context = {link.target for link in links.values() if link.target is not None}
    transliterated: list[KnownName] | None = None  # read once per document, when first needed
    # 2. Bare names that are parts elsewhere, parts that are names elsewhere, and names that sound
    # alike: only beside shared context.
    for i in order:
        if i in links:
            continue
        entity = entities[i]
        weak = own_keys(entity) | _standalone_parts(entity)
        candidates = [n for n in directory.names_by_key(weak) if n.kind in ("full", "part")]
        if entity.type == "PER" and is_transliteration(entity.name):
            if transliterated is None:
                transliterated = directory.transliterated_names()
            candidates += [
                n
                for n in transliterated
                if len(n.key) >= SOUND_MIN_CHARS
                and any(
                    len(s) >= SOUND_MIN_CHARS and sound_similarity(s, n.surface) >= SOUND_MIN
                    for s in entity.surfaces
                )
            ]
        candidates = [n for n in candidates if n.type == entity.type or entity.type != "PER"]
        best: tuple[int, int] | None = None
        target = None
        for entity_id in sorted({n.entity_id for n in candidates}):
            shared = len(directory.neighbours(entity_id) & context)
            mentions = max(n.mentions for n in candidates if n.entity_id == entity_id)
            if shared and (best is None or (shared, mentions) > best):
                best, target = (shared, mentions), entity_id
        links[i] = Link(entity, target, [])
    return [links[i] for i in range(len(entities))]
