"""Entities linked across documents as they arrive, in a real store (texts written for the test)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import tidings
from tidings.cli import cli
from tidings.models import IngestReport, RawItem
from tidings.pipeline import ingest_item
from tidings.store import SQLiteStore

ARTICLES = {
    "a": "萨姆·奥尔特曼(Sam Altman)是Seabreeze的首席执行官。奥尔特曼表示,Seabreeze将在明年推出海风模型。",
    "b": "阿尔特曼在发布会上说,Seabreeze的新模型下月上线。",
    "c": "Intel的首席执行官帕特·基辛格(Pat Gelsinger)说,芯片工厂将扩建。基辛格还称Intel会招聘更多工程师。",
    "d": "1971年,基辛格秘密访问北京,与周恩来会谈。",
    "e": "Sam Altman said Seabreeze would open an office in London next year.",
    "f": "海澄港务局的首席工程师华金·佩尼亚洛萨(Joaquín Peñalosa)表示,起重机将于五月运抵。",
    "g": "Harbour Robotics hired Joaquín Peñalosa, who ran the cranes of Malmö's port for ten years.",
    "h": "Joaquin Penalosa told reporters that Harbour Robotics would test the cranes in June.",
}


def _ingest(store: SQLiteStore, *keys: str) -> None:
    report = IngestReport()
    for key in keys:
        ingest_item(store, RawItem(source=f"test:{key}", text=ARTICLES[key], published="2026-03-01"), report)
    assert report.ingested == len(keys), report.rejected


def _entity_with(store: SQLiteStore, name: str) -> list[dict[str, object]]:
    return [e for e in store.entities() if name == e["name"] or name in e["aliases"]]


def test_transliterations_and_languages_join_one_entity(store: SQLiteStore) -> None:
    _ingest(store, "a", "b", "e")
    altman = _entity_with(store, "阿尔特曼")
    assert len(altman) == 1
    names = {altman[0]["name"], *altman[0]["aliases"]}  # type: ignore[misc]
    assert {"萨姆·奥尔特曼", "奥尔特曼", "阿尔特曼", "Sam Altman"} <= names
    assert altman[0]["type"] == "PER"
    assert len(_entity_with(store, "Seabreeze")) == 1


def test_a_shared_surname_without_shared_context_stays_apart(store: SQLiteStore) -> None:
    _ingest(store, "c", "d")
    holders = _entity_with(store, "基辛格")
    assert len(holders) == 2  # Intel's CEO in one article, the diplomat in the other
    gelsinger = [e for e in holders if "Pat Gelsinger" in {e["name"], *e["aliases"]}]  # type: ignore[misc]
    assert len(gelsinger) == 1 and gelsinger[0]["mentions"] == 2


def test_a_question_in_one_spelling_finds_another(store: SQLiteStore) -> None:
    _ingest(store, "a", "b")
    answer = tidings.ask(store, "阿尔特曼表示Seabreeze明年将推出什么?", min_confidence=0.0)
    assert answer.citations and "奥尔特曼表示" in answer.citations[0].text


def test_an_english_question_finds_the_entities_it_names_by_whole_words(store: SQLiteStore) -> None:
    from tidings.answer.question import analyse
    from tidings.answer.retrieve import question_entities

    _ingest(store, "a", "c", "e")
    altman, intel = (
        int(str(_entity_with(store, name)[0]["id"]).lstrip("e")) for name in ("Sam Altman", "Intel")
    )
    assert altman in question_entities(store, analyse("What did Sam Altman's company say about London?"))
    assert intel in question_entities(store, analyse("Who runs Intel?"))
    assert intel not in question_entities(store, analyse("What is artificial intelligence?"))


def test_documents_stored_before_entities_existed_are_read_on_the_next_ingest(store: SQLiteStore) -> None:
    _ingest(store, "a", "b")
    with store.transaction():  # what a store migrated from schema 3 looks like
        for table in ("mentions", "facts", "entity_names", "entities"):
            store.conn.execute(f"DELETE FROM {table}")
        store.conn.execute("UPDATE documents SET entities_read = 0")
    assert store.entities() == []
    tidings.ingest(store, [])
    assert len(_entity_with(store, "阿尔特曼")) == 1


def test_entities_command_json(tmp_path: object) -> None:
    runner = CliRunner()
    db = f"{tmp_path}/cli.db"
    with tidings.open_store(db) as store:
        _ingest(store, "a", "b")
    result = runner.invoke(cli, ["--db", db, "entities", "--json"])
    assert result.exit_code == 0, result.output
    entities = json.loads(result.stdout)
    assert entities and set(entities[0]) == {"id", "name", "type", "aliases", "mentions"}
    assert all(isinstance(e["id"], str) and isinstance(e["aliases"], list) for e in entities)
    people = runner.invoke(cli, ["--db", db, "entities", "--type", "PER"])
    assert "奥尔特曼" in people.stdout and "Seabreeze" not in people.stdout


def test_a_document_that_shows_two_entities_are_one_merges_them(store: SQLiteStore) -> None:
    report = IngestReport()
    for n, text in enumerate(
        [
            "萨姆·奥尔特曼出席了Seabreeze的发布会。",
            "Sam Altman spoke at the Seabreeze launch in London.",
            "萨姆·奥尔特曼(Sam Altman)表示,Seabreeze将扩大招聘。",
        ]
    ):
        ingest_item(store, RawItem(source=f"merge:{n}", text=text, published="2026-03-01"), report)
    holders = _entity_with(store, "萨姆·奥尔特曼")
    assert len(holders) == 1 and "Sam Altman" in holders[0]["aliases"]  # type: ignore[operator]
    orphans = store.conn.execute(
        "SELECT COUNT(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)"
    ).fetchone()[0]
    assert orphans == 0
    dangling = store.conn.execute(
        "SELECT COUNT(*) FROM facts WHERE entity_id IS NOT NULL"
        " AND entity_id NOT IN (SELECT id FROM entities)"
    ).fetchone()[0]
    assert dangling == 0


def test_a_latin_name_with_accents_is_one_name_and_found_typed_bare(store: SQLiteStore) -> None:
    """The Latin patterns read the text with its accents folded and take the name as written: the
    apposition 华金·佩尼亚洛萨(Joaquín Peñalosa) links the Chinese name to the English one, not to a
    stray Joaqu; a question that types the name without its accents finds the entity."""
    from tidings.answer.question import analyse
    from tidings.answer.retrieve import question_entities

    _ingest(store, "f", "g")
    penalosa = _entity_with(store, "Joaquín Peñalosa")
    assert len(penalosa) == 1 and "华金·佩尼亚洛萨" in {penalosa[0]["name"], *penalosa[0]["aliases"]}  # type: ignore[misc]
    assert not _entity_with(store, "Joaqu")
    entity = int(str(penalosa[0]["id"]).lstrip("e"))
    assert entity in question_entities(store, analyse("When do the cranes Joaquin Penalosa ordered arrive?"))
    assert tidings.ask(store, "Who is Joaquin Penalosa?").answer is not None


def test_a_name_written_without_its_accents_links_to_the_stored_one(tmp_path: Path) -> None:
    """Name keys fold accents: an outlet that writes Joaquin Penalosa bare names the stored Joaquín
    Peñalosa. A store whose keys kept their accents (schema 7) has them folded when opened."""
    path = str(tmp_path / "t.db")
    with tidings.open_store(path) as store:
        _ingest(store, "f", "g")
        with store.transaction():  # what a store at schema 7 looks like: keys as written
            store.conn.execute(
                "UPDATE entity_names SET key = 'joaquínpeñalosa' WHERE key = 'joaquinpenalosa'"
            )
        store.conn.execute("PRAGMA user_version = 7")
    with tidings.open_store(path) as store:
        assert store.schema_version >= 8
        keys = {r[0] for r in store.conn.execute("SELECT key FROM entity_names")}
        assert "joaquinpenalosa" in keys and "joaquínpeñalosa" not in keys
        _ingest(store, "h")
        penalosa = _entity_with(store, "Joaquín Peñalosa")
        assert len(penalosa) == 1 and penalosa[0]["mentions"] == 3, store.entities()
        assert _entity_with(store, "Joaquin Penalosa") == penalosa  # the bare name is one of its names
