"""The store's story tables: near-duplicate signatures, stories, their documents, sentence dates.

A mixin of :class:`tidings.store.SQLiteStore`, like :mod:`tidings.store.entities`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from tidings.enrich.dates import DateMention
from tidings.models import Vectors

if TYPE_CHECKING:  # the stories room imports the store: only the type is needed here
    from tidings.stories.clustering import StorySketch


class StoryTables:
    conn: sqlite3.Connection
    cache: dict[str, Any]

    def add_dates(self, doc_id: str, dates: list[tuple[int, DateMention]]) -> None:
        self.conn.executemany(
            "INSERT INTO sentence_dates (doc_id, position, expression, value, local_time) VALUES (?,?,?,?,?)",
            [(doc_id, position, d.text, d.value, int(d.local_time)) for position, d in dates],
        )

    def add_signature(self, doc_id: str, signature: np.ndarray) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO document_minhash (doc_id, signature) VALUES (?, ?)",
            (doc_id, signature.astype(np.uint32).tobytes()),
        )

    def signatures(self) -> list[tuple[str, np.ndarray]]:
        rows = self.conn.execute("SELECT doc_id, signature FROM document_minhash")
        return [(str(r[0]), np.frombuffer(r[1], dtype=np.uint32)) for r in rows]

    def story_inputs(self, doc_id: str) -> tuple[str, str | None, Vectors | None, str | None, str]:
        """A document's normalised text, publication date, lead vector, title and language."""
        text = "".join(
            str(r[0])
            for r in self.conn.execute(
                "SELECT normalized FROM sentences WHERE doc_id = ? ORDER BY position", (doc_id,)
            )
        )
        row = self.conn.execute(
            "SELECT d.published, v.vector, d.title, d.language FROM documents d"
            " LEFT JOIN document_vectors v ON v.doc_id = d.doc_id WHERE d.doc_id = ?",
            (doc_id,),
        ).fetchone()
        vector = None
        if row is not None and row[1] is not None:
            vector = np.frombuffer(row[1], dtype=np.float16).astype(np.float32)
            vector /= float(np.linalg.norm(vector)) or 1.0
        if row is None:
            return text, None, vector, None, ""
        return text, row[0], vector, row[2], str(row[3])

    def salient_entities(self, doc_id: str, min_mentions: int, lead_sentences: int) -> dict[int, float]:
        """Entities a document names at least ``min_mentions`` times or in its first sentences."""
        rows = self.conn.execute(
            "SELECT entity_id, COUNT(*) FROM mentions WHERE doc_id = ? GROUP BY entity_id"
            " HAVING COUNT(*) >= ? OR MIN(position) < ?",
            (doc_id, min_mentions, lead_sentences),
        )
        return {int(r[0]): float(r[1]) for r in rows}

    def entity_document_frequency(self, entity_ids: list[int]) -> dict[int, int]:
        if not entity_ids:
            return {}
        marks = ",".join("?" * len(entity_ids))
        rows = self.conn.execute(
            f"SELECT entity_id, COUNT(DISTINCT doc_id) FROM mentions WHERE entity_id IN ({marks})"
            " GROUP BY entity_id",
            entity_ids,
        )
        return {int(r[0]): int(r[1]) for r in rows}

    def story_size(self, story_id: int) -> int | None:
        row = self.conn.execute("SELECT size FROM stories WHERE id = ?", (story_id,)).fetchone()
        return int(row[0]) if row else None

    def story_rows(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM stories ORDER BY id").fetchall()

    def story_entity_counts(self, min_mentions: int, lead_sentences: int) -> dict[int, Counter[int]]:
        """For each story, how many of its documents name each entity saliently (as
        :meth:`salient_entities` decides), so a sketch loaded here equals one built document by
        document at ingest."""
        counts: dict[int, Counter[int]] = {}
        rows = self.conn.execute(
            "SELECT story_id, entity_id, COUNT(*) FROM ("
            " SELECT sd.story_id, m.doc_id, m.entity_id FROM story_documents sd"
            " JOIN mentions m ON m.doc_id = sd.doc_id GROUP BY sd.story_id, m.doc_id, m.entity_id"
            " HAVING COUNT(*) >= ? OR MIN(m.position) < ?"
            ") GROUP BY story_id, entity_id",
            (min_mentions, lead_sentences),
        )
        for story_id, entity_id, n in rows:
            counts.setdefault(int(story_id), Counter())[int(entity_id)] = int(n)
        return counts

    def story_of(self, doc_id: str) -> int | None:
        row = self.conn.execute("SELECT story_id FROM story_documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return int(row[0]) if row else None

    def story_language_sums(self) -> dict[int, list[tuple[str, int, bytes]]]:
        """For each story, (language, documents, float32 sum of their lead vectors) per language."""
        sums: dict[int, list[tuple[str, int, bytes]]] = {}
        rows = self.conn.execute("SELECT story_id, language, size, vector_sum FROM story_languages")
        for story_id, language, size, vector_sum in rows:
            sums.setdefault(int(story_id), []).append((str(language), int(size), bytes(vector_sum)))
        return sums

    def save_story(self, story: StorySketch, first: str | None, last: str | None) -> int:
        """Insert (``story.id`` 0) or update a story's sketch; returns its id."""
        values = (
            story.size,
            story.vector_sum.astype(np.float32).tobytes(),
            json.dumps({t: round(w, 4) for t, w in story.term_sum.items()}, ensure_ascii=False),
            first,
            last,
        )
        if not story.id:
            cursor = self.conn.execute(
                "INSERT INTO stories (size, vector_sum, term_sum, first_seen, last_seen) VALUES (?,?,?,?,?)",
                values,
            )
            story_id = int(cursor.lastrowid or 0)
        else:
            story_id = story.id
            self.conn.execute(
                "UPDATE stories SET size = ?, vector_sum = ?, term_sum = ?, first_seen = ?, last_seen = ?"
                " WHERE id = ?",
                (*values, story_id),
            )
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_languages (story_id, language, size, vector_sum) VALUES (?,?,?,?)",
            [
                (story_id, language, part.size, part.vector_sum.astype(np.float32).tobytes())
                for language, part in story.languages.items()
            ],
        )
        return story_id

    def lead_tokens(self, doc_id: str, lead_chars: int) -> Counter[str]:
        """Index tokens of a document's first sentences, up to about ``lead_chars`` characters."""
        tokens: Counter[str] = Counter()
        read = 0
        for r in self.conn.execute(
            "SELECT tokens, length(text) FROM sentences WHERE doc_id = ? ORDER BY position", (doc_id,)
        ):
            if read > lead_chars:
                break
            tokens.update(str(r[0]).split())
            read += int(r[1])
        return tokens

    def token_document_frequency(self, tokens: list[str]) -> dict[str, int]:
        if not tokens:
            return {}
        marks = ",".join("?" * len(tokens))
        rows = self.conn.execute(f"SELECT term, doc FROM document_vocab WHERE term IN ({marks})", tokens)
        return {str(r[0]): int(r[1]) for r in rows}

    def put_in_story(self, doc_id: str, story_id: int, duplicate_of: str | None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO story_documents (doc_id, story_id) VALUES (?, ?)", (doc_id, story_id)
        )
        if duplicate_of is not None:
            self.conn.execute(
                "UPDATE documents SET duplicate_of = ? WHERE doc_id = ?", (duplicate_of, doc_id)
            )

    def merge_stories(self, other: int, into: int) -> None:
        self.conn.execute("UPDATE story_documents SET story_id = ? WHERE story_id = ?", (into, other))
        self.conn.execute("DELETE FROM story_languages WHERE story_id = ?", (other,))
        self.conn.execute("DELETE FROM stories WHERE id = ?", (other,))

    def documents_without_story(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT doc_id FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM story_documents)"
            " ORDER BY rowid"
        )
        return [str(r[0]) for r in rows]

    # -- reading -------------------------------------------------------------------------------

    def first_sentence(self, doc_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT text FROM sentences WHERE doc_id = ? ORDER BY position LIMIT 1", (doc_id,)
        ).fetchone()
        return str(row[0])[:60] if row else None

    def story_documents(self, story_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT d.doc_id, d.source, d.title, d.published, d.duplicate_of, v.vector"
            " FROM story_documents sd JOIN documents d ON d.doc_id = sd.doc_id"
            " LEFT JOIN document_vectors v ON v.doc_id = d.doc_id"
            " WHERE sd.story_id = ? ORDER BY d.published, d.rowid",
            (story_id,),
        ).fetchall()

    def story_dates(self, story_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT sd.*, s.id AS sentence_id FROM sentence_dates sd"
            " JOIN story_documents st ON st.doc_id = sd.doc_id"
            " JOIN sentences s ON s.doc_id = sd.doc_id AND s.position = sd.position"
            " WHERE st.story_id = ? ORDER BY sd.value",
            (story_id,),
        ).fetchall()

    def sentence_entities(self, doc_ids: list[str]) -> dict[tuple[str, int], set[int]]:
        """The entities each sentence of these documents names."""
        found: dict[tuple[str, int], set[int]] = {}
        if doc_ids:
            marks = ",".join("?" * len(doc_ids))
            rows = self.conn.execute(
                f"SELECT doc_id, position, entity_id FROM mentions WHERE doc_id IN ({marks})", doc_ids
            )
            for doc_id, position, entity_id in rows:
                found.setdefault((str(doc_id), int(position)), set()).add(int(entity_id))
        return found

    def story_entities(self, story_id: int, limit: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT e.name FROM story_documents sd JOIN mentions m ON m.doc_id = sd.doc_id"
            " JOIN entities e ON e.id = m.entity_id WHERE sd.story_id = ?"
            " GROUP BY e.id ORDER BY COUNT(DISTINCT sd.doc_id) DESC, COUNT(*) DESC LIMIT ?",
            (story_id, limit),
        )
        return [str(r[0]) for r in rows]
