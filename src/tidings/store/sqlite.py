"""The embedded store: one SQLite file in WAL mode, migrated by numbered SQL files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from tidings.enrich.tokens import fold_accents
from tidings.errors import StoreError
from tidings.models import CleanDocument, Vectors
from tidings.store.entities import EntityTables
from tidings.store.stories import StoryTables

# How long a writer or reader waits for another process's lock before giving up. Ingest commits
# one document at a time, so a wait longer than a few seconds means something is stuck.
BUSY_TIMEOUT_MS = 10_000


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("tidings.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore(EntityTables, StoryTables):
    """Documents and sentences in one SQLite file. Open it with :meth:`open`; close it when done."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        # In-memory structures other rooms build over this store (the vector matrix), kept here
        # so they live and die with the connection.
        self.cache: dict[str, Any] = {}

    @classmethod
    def open(cls, path: str | Path) -> SQLiteStore:
        location = str(path)
        try:
            if location != ":memory:":
                Path(location).expanduser().parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(location, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.row_factory = sqlite3.Row
            # For migrations that re-key names (0008): the same fold as enrich.names.name_key.
            conn.create_function("fold_accents", 1, fold_accents, deterministic=True)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            store = cls(conn, location)
            store.migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store at {location}: {exc}") from exc
        return store

    def close(self) -> None:
        self.conn.close()

    # -- schema -------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Apply every numbered migration newer than the file's ``user_version``, each atomically."""
        current = self.schema_version
        for version, sql in _migrations():
            if version <= current:
                continue
            with self.transaction():
                for statement in sql.split(";\n"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {version:d}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside is committed together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- documents -----------------------------------------------------------------------------

    def find_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT doc_id FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return str(row["doc_id"]) if row else None

    def add_document(
        self,
        doc: CleanDocument,
        tokens: list[list[str]],
        passages: list[tuple[int, int]] | None = None,
        vectors: Vectors | None = None,
        title_tokens: list[str] | None = None,
        lead_vector: Vectors | None = None,
    ) -> str:
        """Insert ``doc``, its sentences, passages and index entries. Call inside :meth:`transaction`."""
        doc_id = doc.content_hash[:16]
        self.conn.execute(
            "INSERT INTO documents (doc_id, content_hash, source, url, external_id, title, published,"
            " published_inferred, language, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc_id,
                doc.content_hash,
                doc.source,
                doc.url,
                doc.external_id,
                doc.title,
                doc.published,
                int(doc.published_inferred),
                doc.language,
                doc.text,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        for sentence, sentence_tokens in zip(doc.sentences, tokens, strict=True):
            joined = " ".join(sentence_tokens)
            cursor = self.conn.execute(
                'INSERT INTO sentences (doc_id, position, paragraph, start, "end", text, normalized, tokens)'
                " VALUES (?,?,?,?,?,?,?,?)",
                (
                    doc_id,
                    sentence.position,
                    sentence.paragraph,
                    sentence.start,
                    sentence.end,
                    sentence.text,
                    sentence.normalized,
                    joined,
                ),
            )
            self.conn.execute(
                "INSERT INTO sentence_index (rowid, tokens) VALUES (?, ?)", (cursor.lastrowid, joined)
            )
        self._index_document(doc_id, tokens, title_tokens or [])
        if passages and vectors is not None:
            self.add_passages(doc_id, passages, vectors)
        if lead_vector is not None:
            self.add_lead_vector(doc_id, lead_vector)
        return doc_id

    def documents_to_tokenize(self) -> list[str]:
        """Documents whose index tokens an older tokenizer made (schema 7 folds accents)."""
        return [str(r[0]) for r in self.conn.execute("SELECT doc_id FROM documents_to_tokenize")]

    def replace_tokens(self, doc_id: str, tokens: list[list[str]], title_tokens: list[str]) -> None:
        """Index ``doc_id`` again under new ``tokens`` (one list per sentence, in order) and
        ``title_tokens``. Call inside :meth:`transaction`."""
        sentences = self.conn.execute(
            "SELECT id, tokens FROM sentences WHERE doc_id = ? ORDER BY position", (doc_id,)
        ).fetchall()
        for sentence, sentence_tokens in zip(sentences, tokens, strict=True):
            joined = " ".join(sentence_tokens)
            # sentence_index reads its text from sentences: the old tokens leave it by name
            self.conn.execute(
                "INSERT INTO sentence_index (sentence_index, rowid, tokens) VALUES ('delete', ?, ?)",
                (sentence["id"], sentence["tokens"]),
            )
            self.conn.execute("UPDATE sentences SET tokens = ? WHERE id = ?", (joined, sentence["id"]))
            self.conn.execute(
                "INSERT INTO sentence_index (rowid, tokens) VALUES (?, ?)", (sentence["id"], joined)
            )
        self.conn.execute(
            "DELETE FROM document_index WHERE rowid = (SELECT rowid FROM documents WHERE doc_id = ?)",
            (doc_id,),
        )
        self._index_document(doc_id, tokens, title_tokens)
        self.conn.execute("DELETE FROM documents_to_tokenize WHERE doc_id = ?", (doc_id,))

    def _index_document(self, doc_id: str, tokens: list[list[str]], title_tokens: list[str]) -> None:
        """The document's row in document_index: its title's tokens and every sentence's."""
        self.conn.execute(
            "INSERT INTO document_index (rowid, tokens) SELECT rowid, ? FROM documents WHERE doc_id = ?",
            (" ".join([*title_tokens, *(t for ts in tokens for t in ts)]), doc_id),
        )

    def add_lead_vector(self, doc_id: str, vector: Vectors) -> None:
        self.conn.execute(
            "INSERT INTO document_vectors (doc_id, vector) VALUES (?, ?)",
            (doc_id, vector.astype(np.float16).tobytes()),
        )

    def add_passages(self, doc_id: str, passages: list[tuple[int, int]], vectors: Vectors) -> None:
        self.conn.executemany(
            "INSERT INTO passages (doc_id, first, last, vector) VALUES (?, ?, ?, ?)",
            [
                (doc_id, first, last, vector.astype(np.float16).tobytes())
                for (first, last), vector in zip(passages, vectors, strict=True)
            ],
        )

    def documents_without_vectors(self) -> list[tuple[str, bool, bool]]:
        """Documents missing passage vectors or a lead vector: (doc_id, has passages, has lead)."""
        rows = self.conn.execute(
            "SELECT doc_id, EXISTS (SELECT 1 FROM passages p WHERE p.doc_id = d.doc_id),"
            " EXISTS (SELECT 1 FROM document_vectors v WHERE v.doc_id = d.doc_id) FROM documents d"
        )
        return [(str(r[0]), bool(r[1]), bool(r[2])) for r in rows if not (r[1] and r[2])]

    def sentence_texts(self, doc_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            'SELECT position, paragraph, start, "end", text, normalized FROM sentences'
            " WHERE doc_id = ? ORDER BY position",
            (doc_id,),
        ).fetchall()

    def passage_vectors(self, after_id: int = 0) -> tuple[list[tuple[int, str, int, int]], Vectors]:
        """Passages with an id above ``after_id``, and their vectors as one float32 matrix."""
        rows = self.conn.execute(
            "SELECT id, doc_id, first, last, vector FROM passages WHERE id > ? ORDER BY id", (after_id,)
        ).fetchall()
        meta = [(int(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]
        if not rows:
            return meta, np.zeros((0, 384), dtype=np.float32)
        matrix = np.frombuffer(b"".join(r[4] for r in rows), dtype=np.float16).reshape(len(rows), -1)
        return meta, matrix.astype(np.float32)

    def lead_vectors(self, after_rowid: int = 0) -> tuple[list[tuple[int, str]], Vectors]:
        """Document lead vectors added after ``after_rowid``: (rowid, doc_id) and one float32 matrix."""
        rows = self.conn.execute(
            "SELECT rowid, doc_id, vector FROM document_vectors WHERE rowid > ? ORDER BY rowid",
            (after_rowid,),
        ).fetchall()
        meta = [(int(r[0]), str(r[1])) for r in rows]
        if not rows:
            return meta, np.zeros((0, 384), dtype=np.float32)
        matrix = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float16).reshape(len(rows), -1)
        return meta, matrix.astype(np.float32)

    def documents_by_rowid(self, rowids: list[int]) -> dict[int, str]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self.conn.execute(f"SELECT rowid, doc_id FROM documents WHERE rowid IN ({marks})", rowids)
        return {int(r[0]): str(r[1]) for r in rows}

    def documents(self, with_text: bool = False) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT d.*, (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.doc_id) AS n_sentences"
            " FROM documents d ORDER BY d.ingested_at, d.rowid"
        ).fetchall()
        out = []
        for row in rows:
            item: dict[str, Any] = {
                "doc_id": row["doc_id"],
                "source": row["source"],
                "title": row["title"],
                "published": row["published"],
                "language": row["language"],
                "sentences": row["n_sentences"],
                "duplicate_of": row["duplicate_of"],
            }
            if with_text:
                item["text"] = row["text"]
            out.append(item)
        return out

    def document_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def sentences_by_id(self, ids: list[int]) -> dict[int, sqlite3.Row]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT s.*, d.source, d.title, d.published, d.language, d.duplicate_of FROM sentences s"
            f" JOIN documents d ON d.doc_id = s.doc_id WHERE s.id IN ({marks})",
            ids,
        ).fetchall()
        return {int(r["id"]): r for r in rows}

    def sentences_in(self, doc_ids: list[str]) -> list[sqlite3.Row]:
        """Every sentence of these documents, with the document's fields, in document order."""
        if not doc_ids:
            return []
        marks = ",".join("?" * len(doc_ids))
        return self.conn.execute(
            f"SELECT s.*, d.source, d.title, d.published, d.language FROM sentences s"
            f" JOIN documents d ON d.doc_id = s.doc_id WHERE s.doc_id IN ({marks})"
            " ORDER BY s.doc_id, s.position",
            doc_ids,
        ).fetchall()

    def languages(self) -> set[str]:
        return {str(r[0]) for r in self.conn.execute("SELECT DISTINCT language FROM documents")}

    def sentences_of(self, doc_id: str, positions: list[int]) -> dict[int, sqlite3.Row]:
        if not positions:
            return {}
        marks = ",".join("?" * len(positions))
        rows = self.conn.execute(
            f"SELECT * FROM sentences WHERE doc_id = ? AND position IN ({marks})", [doc_id, *positions]
        ).fetchall()
        return {int(r["position"]): r for r in rows}

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
