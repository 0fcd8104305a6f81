"""The SQLite store: migrations, content-hash idempotency, one transaction per document."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import jieba
import pytest

import tidings
from tidings.clean import content_hash, normalize
from tidings.models import IngestReport, RawItem
from tidings.pipeline import ingest_item
from tidings.store import SQLiteStore
from tidings.store.sqlite import _migrations

ARTICLE = "青澜潮汐3月2日宣布完成B轮融资,由沃斯资本领投。公司创始人林嘉禾表示,资金将用于扩建工厂。"


def test_new_store_is_migrated_to_the_latest_version(store: SQLiteStore) -> None:
    assert store.schema_version == max(v for v, _ in _migrations())
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = str(tmp_path / "t.db")
    with tidings.open_store(path) as s:
        tidings.ingest(s, [])
    with tidings.open_store(path) as s:
        assert s.document_count() == 0 and s.schema_version >= 1


def test_same_input_twice_is_one_document(store: SQLiteStore) -> None:
    report = IngestReport()
    ingest_item(store, RawItem(source="a", text=ARTICLE), report)
    ingest_item(store, RawItem(source="b", text=ARTICLE), report)
    assert (report.ingested, report.duplicates) == (1, 1)
    assert store.document_count() == 1


def test_a_crash_mid_document_leaves_nothing_behind(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real_execute = store.conn.execute

    class Boom(Exception):
        pass

    def failing_execute(sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.startswith("INSERT INTO sentence_index"):
            calls["n"] += 1
            if calls["n"] == 2:  # after the document row and a sentence are written
                raise Boom("disk on fire")
        return real_execute(sql, *args)

    proxy = type("Proxy", (), {"execute": staticmethod(failing_execute)})()
    monkeypatch.setattr(store, "conn", proxy)
    with pytest.raises(Boom):
        ingest_item(store, RawItem(source="a", text=ARTICLE), IngestReport())
    monkeypatch.undo()
    assert store.document_count() == 0
    assert store.conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0
    # and the store still works afterwards
    report = tidings.ingest(store, [])
    ingest_item(store, RawItem(source="a", text=ARTICLE), report)
    assert store.document_count() == 1


def test_sentences_point_into_the_cleaned_text(store: SQLiteStore) -> None:
    ingest_item(store, RawItem(source="a", text=ARTICLE), IngestReport())
    text = store.documents(with_text=True)[0]["text"]
    for row in store.conn.execute('SELECT text, start, "end" FROM sentences'):
        assert text[row["start"] : row["end"]] == row["text"]


def test_documents_indexed_before_accents_were_folded_are_indexed_again(tmp_path: Path) -> None:
    from tidings import index
    from tidings.enrich import tokens

    path = str(tmp_path / "t.db")
    accented = "The harbour's new crane was built by Müller & Søn of Malmö."
    with tidings.open_store(path) as store:
        for source, text in (("crane", accented), ("plain", ARTICLE)):
            ingest_item(store, RawItem(source=source, text=text), IngestReport())
        crane = store.find_hash(content_hash(RawItem(source="crane", text=accented)))
        assert crane is not None
        # what a store at schema 6 looks like: tokens cut at each accented letter (m ü ller)
        unfolded = [word for word in jieba.cut_for_search(normalize(accented)) if word.strip()]
        with store.transaction():
            store.replace_tokens(crane, [[w.lower() for w in unfolded]], [])
            store.conn.execute("DROP TABLE documents_to_tokenize")
        store.conn.execute("PRAGMA user_version = 6")
        assert index.held(store.conn, ["muller"]) == {}
    with tidings.open_store(path) as store:  # migrated, and the crane's document indexed again
        assert store.schema_version >= 7 and store.documents_to_tokenize() == []
        assert index.held(store.conn, ["muller", "malmo"]) == {"muller": "muller", "malmo": "malmo"}
        assert tokens.tokenize(normalize(accented))[-3:] == ["muller", "son", "malmo"]
        # the full-text indexes agree with their rows: the old tokens left them
        store.conn.execute("INSERT INTO sentence_index (sentence_index) VALUES ('integrity-check')")
        store.conn.execute("INSERT INTO document_index (document_index) VALUES ('integrity-check')")
        hits = store.conn.execute(
            "SELECT count(*) FROM sentence_index WHERE sentence_index MATCH 'ller'"
        ).fetchone()[0]
        assert hits == 0
