"""The store's entity tables: entities, the names they go by, their mentions, and facts.

A mixin of :class:`tidings.store.SQLiteStore`, kept apart so each file reads in one sitting.
It is also the :class:`tidings.enrich.aliases.EntityDirectory` that linking asks.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from tidings.enrich.aliases import KnownName, Link, gloss_keys, own_keys
from tidings.enrich.entities import is_distinctive_name
from tidings.enrich.facts import Fact
from tidings.enrich.names import is_latin, is_transliteration, name_key, name_parts

# Seeing a name again adds its mentions to the count already stored.
_ADD_MENTIONS = (
    " ON CONFLICT (entity_id, surface, kind) DO UPDATE SET mentions = mentions + excluded.mentions"
)


# How many known names ingest looks for in each new document. They are matched by one regular
# expression; a few thousand cost a few milliseconds a sentence.
KNOWN_NAMES_LIMIT = 3000


class EntityTables:
    conn: sqlite3.Connection
    cache: dict[str, Any]

    # -- what linking asks -------------------------------------------------------------------

    def _known(self, where: str, args: list[Any]) -> list[KnownName]:
        rows = self.conn.execute(
            "SELECT n.entity_id, n.key, n.surface, n.kind, e.type, n.mentions FROM entity_names n"
            f" JOIN entities e ON e.id = n.entity_id WHERE {where}",
            args,
        ).fetchall()
        return [KnownName(int(r[0]), r[1], r[2], r[3], r[4], int(r[5])) for r in rows]

    def names_by_key(self, keys: set[str]) -> list[KnownName]:
        if not keys:
            return []
        return self._known(f"n.key IN ({','.join('?' * len(keys))})", sorted(keys))

    def transliterated_names(self) -> list[KnownName]:
        return [
            n for n in self._known("e.type = 'PER' AND n.kind != 'gloss'", []) if is_transliteration(n.key)
        ]

    def neighbours(self, entity_id: int) -> set[int]:
        """Entities mentioned in a document beside ``entity_id``."""
        rows = self.conn.execute(
            "SELECT DISTINCT m2.entity_id FROM mentions m1 JOIN mentions m2 ON m2.doc_id = m1.doc_id"
            " WHERE m1.entity_id = ? AND m2.entity_id != ?",
            (entity_id, entity_id),
        )
        return {int(r[0]) for r in rows}

    # -- writing -------------------------------------------------------------------------------

    def add_entities(self, doc_id: str, links: list[Link]) -> list[int]:
        """Store one document's linked entities and mentions; returns each one's entity id.

        Call inside :meth:`transaction`. Known entities the document shows to be one are merged.
        """
        ids = []
        merged_into: dict[int, int] = {}  # entities merged away while storing this document

        def current(entity_id: int) -> int:
            while entity_id in merged_into:
                entity_id = merged_into[entity_id]
            return entity_id

        for item in links:
            entity = item.entity
            if item.target is None:
                cursor = self.conn.execute(
                    "INSERT INTO entities (name, type) VALUES (?, ?)", (entity.name, entity.type)
                )
                target = int(cursor.lastrowid or 0)
            else:
                target = current(item.target)
                for other in map(current, item.also):
                    if other != target:
                        self._merge(other, into=target)
                        merged_into[other] = target
            ids.append(target)
            counts = entity.surfaces
            own = own_keys(entity)
            names = [
                (s, "part" if s in entity.parts or name_key(s) not in own else "full", counts.get(s, 0))
                for s in {*counts, *entity.english}
            ]
            names += [(w, "written", counts.get(n, 0)) for w, n in entity.written.items()]
            # Keys it is known by without writing them (Elon Musk for 马斯克, linjiahe for 林嘉禾).
            stored_keys = {name_key(s) for s, _, _ in names}
            names += [(k, "gloss", 0) for k in (gloss_keys(entity) | own) - stored_keys]
            self.conn.executemany(
                "INSERT INTO entity_names (entity_id, key, surface, kind, mentions) VALUES (?,?,?,?,?)"
                + _ADD_MENTIONS,
                [(target, name_key(entity.written.get(s, s)), s, kind, n) for s, kind, n in names],
            )
            self.conn.executemany(
                'INSERT INTO mentions (doc_id, position, start, "end", surface, entity_id)'
                " VALUES (?,?,?,?,?,?)",
                [(doc_id, m.sentence, m.start, m.end, m.text, target) for m in entity.mentions],
            )
            self._refresh(target, entity.type, len(entity.mentions))
        self.conn.execute("UPDATE documents SET entities_read = 1 WHERE doc_id = ?", (doc_id,))
        self.cache.pop("entity_names", None)
        self.cache.pop("written_names", None)
        return [current(i) for i in ids]  # an earlier entity of this document may have merged since

    def _merge(self, other: int, into: int) -> None:
        if other == into:
            return
        self.conn.execute(
            "INSERT INTO entity_names (entity_id, key, surface, kind, mentions)"
            " SELECT ?, key, surface, kind, mentions FROM entity_names WHERE entity_id = ? AND true"
            + _ADD_MENTIONS,
            (into, other),
        )
        self.conn.execute("DELETE FROM entity_names WHERE entity_id = ?", (other,))
        self.conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (into, other))
        self.conn.execute("UPDATE facts SET entity_id = ? WHERE entity_id = ?", (into, other))
        row = self.conn.execute("SELECT type, mentions FROM entities WHERE id = ?", (other,)).fetchone()
        self.conn.execute("DELETE FROM entities WHERE id = ?", (other,))
        if row is not None:
            self._refresh(into, row["type"], int(row["mentions"]))

    def _refresh(self, entity_id: int, seen_type: str, seen_mentions: int) -> None:
        """Name the entity by its most used name; its type is that of the larger side of a merge."""
        total = self.conn.execute(
            "SELECT COUNT(*) FROM mentions WHERE entity_id = ?", (entity_id,)
        ).fetchone()[0]
        row = self.conn.execute(
            "SELECT surface FROM entity_names WHERE entity_id = ? AND kind != 'gloss'"
            " ORDER BY kind = 'full' DESC, mentions DESC, length(surface) DESC LIMIT 1",
            (entity_id,),
        ).fetchone()
        current = self.conn.execute(
            "SELECT type, mentions FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        kind = seen_type if seen_mentions > int(current["mentions"]) else current["type"]
        self.conn.execute(
            "UPDATE entities SET name = ?, type = ?, mentions = ? WHERE id = ?",
            (row["surface"] if row else current["name"], kind, total, entity_id),
        )

    def add_facts(self, doc_id: str, facts: list[Fact], entity_ids: dict[str, int]) -> None:
        """Store a document's facts; ``entity_ids`` maps a subject's surface to its entity."""
        self.conn.executemany(
            "INSERT INTO facts (doc_id, position, entity_id, subject, attribute, value, normalized, amount,"
            " unit, bound, date, local_time, claimed_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    doc_id, f.sentence, entity_ids.get(f.subject), f.subject, f.attribute, f.value,
                    f.normalized, f.amount, f.unit, f.bound, f.date, int(f.local_time), f.claimed_by,
                )
                for f in facts
            ],
        )  # fmt: skip

    def documents_without_entities(self) -> list[str]:
        rows = self.conn.execute("SELECT doc_id FROM documents WHERE entities_read = 0 ORDER BY rowid")
        return [str(r[0]) for r in rows]

    # -- reading -------------------------------------------------------------------------------

    def entities(self, kind: str | None = None, min_mentions: int = 1) -> list[dict[str, Any]]:
        """The ``entities`` contract, most mentioned first."""
        rows = self.conn.execute(
            "SELECT id, name, type, mentions FROM entities WHERE mentions >= ? AND (? IS NULL OR type = ?)"
            " ORDER BY mentions DESC, id",
            (min_mentions, kind, kind),
        ).fetchall()
        names: dict[int, Counter[str]] = {}
        for r in self.conn.execute(
            "SELECT entity_id, surface, mentions FROM entity_names WHERE kind != 'gloss'"
        ):
            names.setdefault(int(r[0]), Counter())[r[1]] += int(r[2])
        return [
            {
                "id": f"e{r['id']}",
                "name": r["name"],
                "type": r["type"],
                "aliases": [s for s, _ in names.get(int(r["id"]), Counter()).most_common() if s != r["name"]],
                "mentions": int(r["mentions"]),
            }
            for r in rows
        ]

    def sentence_names(self, doc_id: str, position: int) -> list[tuple[int, int, str, int]]:
        """The names found in one sentence: (start, end, entity type, entity id), offsets in its
        normalised text."""
        rows = self.conn.execute(
            'SELECT m.start, m."end", e.type, e.id FROM mentions m JOIN entities e ON e.id = m.entity_id'
            " WHERE m.doc_id = ? AND m.position = ? ORDER BY m.start",
            (doc_id, position),
        )
        return [(int(a), int(b), str(t), int(e)) for a, b, t, e in rows]

    def names_in_documents(self, doc_ids: list[str]) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
        """The names found in every sentence of ``doc_ids``: (doc id, position) -> (start, end,
        entity type), offsets in the sentence's normalised text, in order."""
        found: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
        for chunk in range(0, len(doc_ids), 500):  # SQLite's limit on bound parameters
            ids = doc_ids[chunk : chunk + 500]
            rows = self.conn.execute(
                'SELECT m.doc_id, m.position, m.start, m."end", e.type FROM mentions m'
                " JOIN entities e ON e.id = m.entity_id"
                f" WHERE m.doc_id IN ({','.join('?' * len(ids))}) ORDER BY m.doc_id, m.position, m.start",
                ids,
            )
            for doc_id, position, start, end, kind in rows:
                found.setdefault((str(doc_id), int(position)), []).append((int(start), int(end), str(kind)))
        return found

    def known_names(self, limit: int = KNOWN_NAMES_LIMIT) -> dict[str, str]:
        """Distinctive names (enrich.entities.is_distinctive_name) of entities seen twice -> type.

        Ingest looks for them in every new document: a name known from one article is a name in
        the next, where the tagger may not see it (青澜潮汐; BlueTide Robotics at the start of an
        English sentence). The most mentioned ``limit`` only.
        """
        rows = self.conn.execute(
            "SELECT n.surface, e.type FROM entity_names n JOIN entities e ON e.id = n.entity_id"
            " WHERE n.kind = 'full' AND length(n.surface) >= 3 AND e.mentions >= 2"
            " ORDER BY e.mentions DESC LIMIT ?",
            (limit * 2,),
        )
        found = {str(r[0]): str(r[1]) for r in rows if is_distinctive_name(str(r[0]))}
        return dict(list(found.items())[:limit])

    def entity_names(self) -> dict[str, set[int]]:
        """Every name key -> the entities that go by it (cached until the next write)."""
        if "entity_names" not in self.cache:
            found: dict[str, set[int]] = {}
            for r in self.conn.execute("SELECT key, entity_id FROM entity_names WHERE kind != 'gloss'"):
                found.setdefault(r[0], set()).add(int(r[1]))
            self.cache["entity_names"] = found
        result: dict[str, set[int]] = self.cache["entity_names"]
        return result

    def written_names(self) -> dict[str, str]:
        """Every name key -> the name as the text writes it, lower-cased (哈尔福德麦金德 ->
        哈尔福德·麦金德); an English name of several words also by each of its words: johnelway ->
        john elway, elway -> elway (cached until the next write).

        Not the parts of Chinese names: two characters (卢克 of 卢克·坎克利) sound like too many
        English words (Rican). XQuAD en->zh recall@1 -1 with them, zh->en +2 with English ones."""
        if "written_names" not in self.cache:
            found: dict[str, str] = {}
            rows = self.conn.execute(
                "SELECT key, surface FROM entity_names WHERE kind IN ('full', 'part') ORDER BY mentions DESC"
            )
            for key, surface in rows:
                found.setdefault(key, surface.lower())
            for surface in list(found.values()):
                if is_latin(surface) and len(words := name_parts(surface)) > 1:
                    for word in words:
                        found.setdefault(name_key(word), word)
            self.cache["written_names"] = found
        result: dict[str, str] = self.cache["written_names"]
        return result

    def surfaces_of(self, entity_id: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT surface FROM entity_names WHERE entity_id = ? AND kind IN ('full', 'part')"
            " ORDER BY mentions DESC",
            (entity_id,),
        )
        return [str(r[0]) for r in rows]

    def fact_rows(self, entity_ids: list[int] | None = None) -> list[sqlite3.Row]:
        """Facts with an entity, each with its sentence, document and entity name; copies of other
        documents (near-duplicates) left out, as they are not sources of their own."""
        where = ""
        if entity_ids is not None and not entity_ids:
            return []
        if entity_ids is not None:
            where = f" AND f.entity_id IN ({','.join('?' * len(entity_ids))})"
        return self.conn.execute(
            'SELECT f.*, e.name AS entity_name, s.text, s.start, s."end", d.source, d.title, d.published,'
            " d.published_inferred"
            " FROM facts f JOIN entities e ON e.id = f.entity_id"
            " JOIN sentences s ON s.doc_id = f.doc_id AND s.position = f.position"
            " JOIN documents d ON d.doc_id = f.doc_id"
            f" WHERE d.duplicate_of IS NULL{where} ORDER BY d.published, d.rowid, f.position",
            entity_ids or [],
        ).fetchall()
