"""Near-duplicates, stories, timelines and disputes, in a real store (the demo corpus and texts
written for the test)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

import tidings
from tidings.cli import cli
from tidings.models import IngestReport, RawItem
from tidings.pipeline import ingest_item
from tidings.store import SQLiteStore
from tidings.stories import find_disputes, list_stories, timeline
from tidings.stories.clustering import DocumentSketch, StorySketch, _cosine_above_floor

from .conftest import SAMPLES

REPORT = (
    "海风港3月3日宣布,港口将于下月开通一条通往南屿的新航线,每周两班。\n"
    "港务负责人表示,新航线将使用两艘新建的客货轮,单程约需九小时。\n"
    "当地渔民对新航线表示欢迎,认为这会带动海产品的外运。"
)
# The same report syndicated by another outlet, with its own headline and a line changed.
COPY = REPORT.replace("每周两班", "每周两个班次") + "\n(本文转载自海风晚报)"


def _ingest(store: SQLiteStore, *items: RawItem) -> IngestReport:
    report = IngestReport()
    for item in items:
        ingest_item(store, item, report)
    return report


def test_a_syndicated_copy_is_listed_once_with_both_sources(store: SQLiteStore) -> None:
    report = _ingest(
        store,
        RawItem(
            source="https://a.example/1", text=REPORT, title="海风港开通南屿航线", published="2026-03-03"
        ),
        RawItem(source="https://b.example/9", text=COPY, title="南屿新航线下月开通", published="2026-03-04"),
    )
    assert report.ingested == 2  # both are kept: the copy is a source of its own
    docs = {d["source"]: d for d in store.documents()}
    assert docs["https://b.example/9"]["duplicate_of"] == docs["https://a.example/1"]["doc_id"]
    [story] = list_stories(store)
    [shown] = story["documents"]
    assert shown["source"] == "https://a.example/1"
    assert [d["source"] for d in shown["duplicates"]] == ["https://b.example/9"]


def test_different_reports_are_not_duplicates(demo_store: SQLiteStore) -> None:
    assert all(d["duplicate_of"] is None for d in demo_store.documents())


def test_demo_stories_timeline_and_dispute(demo_store: SQLiteStore) -> None:
    stories = list_stories(demo_store)
    biggest = stories[0]
    sources = {d["source"] for d in biggest["documents"]}
    # The round reported in Chinese and in English is one story, and so is the Chinese report,
    # three days on, that the sources differ on its size (held to the Chinese floor by the story's
    # Chinese reports, not pulled under it by its English ones).
    assert {
        "https://haicheng-daily.example/tech/2026-03-02-qinglan-b",
        "https://harbor-ledger.example/2026/03/03/bluetide-series-b",
        "https://chaosheng-finance.example/a/20260305-qinglan",
    } <= sources
    assert "青澜潮汐" in biggest["entities"]
    # Stories merge into the oldest, so the story the first report began keeps its id.
    assert biggest["id"] == "s1"
    entries = timeline(demo_store, int(biggest["id"][1:]))
    dates = [e.date for e in entries]
    assert dates == sorted(dates)
    launch = next(e for e in entries if e.date == "2026-03-10")
    # One event told in Chinese and in English: one entry, two citations.
    assert len({c.doc_id for c in launch.citations}) == 2
    disputes = find_disputes(demo_store)
    funding = [d for d in disputes if d.subject == "青澜潮汐" and d.attribute == "funding"]
    assert funding
    values = {v.normalized for v in funding[0].values}
    assert {"80,000,000 USD", "120,000,000 USD"} <= values


def test_ask_says_that_sources_differ(demo_store: SQLiteStore) -> None:
    answer = tidings.ask(demo_store, "青澜潮汐B轮融资了多少钱?")
    assert answer.answer is not None and "sources differ" in answer.answer
    # a Chinese sentence that gives the amount answers a Chinese question before an English one
    # (钱 of 多少钱 is no term a sentence must hold: it asks, as "how much" does)
    assert answer.answer.startswith("1.2亿美元") and "1.2亿美元" in answer.citations[0].text
    # an English source that gives the same amount agrees, and is cited with it
    assert any("$120 million" in c.text for c in answer.citations[1:])
    # an English question names the company too, and hears of the dispute
    answer = tidings.ask(demo_store, "How much did BlueTide raise in its Series B?")
    assert answer.disputes and answer.disputes[0].attribute == "funding"
    as_json = answer.to_json()
    assert as_json["disputes"][0]["values"][0]["citations"]


def test_a_dispute_about_the_round_does_not_cloud_the_valuation(demo_store: SQLiteStore) -> None:
    # the sentence that gives the valuation (估值约6亿美元) also gives the disputed size of the round;
    # the question asks for the one, so the other's dispute is no part of its answer
    for question in ("青澜潮汐的估值是多少?", "What is BlueTide valued at?"):
        answer = tidings.ask(demo_store, question)
        assert answer.answer is not None and "6亿美元" in answer.answer, question
        assert not answer.disputes and "sources differ" not in answer.answer, question


def test_rounding_and_time_zones_are_not_disputes(store: SQLiteStore) -> None:
    _ingest(
        store,
        RawItem(source="t:1", text="海澄港务局宣布融资约1.2亿美元。", published="2026-03-03"),
        RawItem(source="t:2", text="海澄港务局完成1.2亿美元融资。", published="2026-03-03"),
        RawItem(source="t:3", text="海澄港务局融资1.19亿美元。", published="2026-03-04"),
        RawItem(source="t:4", text="当地时间3月1日,海澄港务局起诉南屿船运公司。", published="2026-03-04"),
        RawItem(source="t:5", text="3月2日,海澄港务局起诉南屿船运公司。", published="2026-03-04"),
    )
    facts = store.conn.execute("SELECT attribute, normalized FROM facts").fetchall()
    assert len(facts) >= 5  # the facts are there; they agree
    assert find_disputes(store) == []
    _ingest(store, RawItem(source="t:6", text="海澄港务局融资8000万美元。", published="2026-03-05"))
    [dispute] = find_disputes(store)
    assert dispute.attribute == "funding" and len(dispute.values) == 2


def test_story_commands_json(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    assert runner.invoke(cli, ["--db", db, "ingest", str(SAMPLES)]).exit_code == 0
    stories = json.loads(runner.invoke(cli, ["--db", db, "stories", "--json"]).stdout)
    assert set(stories[0]) == {"id", "title", "documents", "first_seen", "last_seen", "entities"}
    assert {"doc_id", "source", "title"} <= set(stories[0]["documents"][0])
    entries = json.loads(runner.invoke(cli, ["--db", db, "timeline", stories[0]["id"], "--json"]).stdout)
    assert entries and set(entries[0]) == {"date", "text", "citations"}
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    disputes = json.loads(runner.invoke(cli, ["--db", db, "disputes", "--json"]).stdout)
    assert disputes and {"subject", "attribute", "values"} <= set(disputes[0])
    missing = runner.invoke(cli, ["--db", db, "timeline", "s999"])
    assert missing.exit_code != 0 and "no story" in missing.output


def test_story_sketches_reloaded_from_the_store_equal_those_built_at_ingest(demo_store: SQLiteStore) -> None:
    from tidings.stories import _sketches

    def summary(sketch: StorySketch) -> tuple[int, dict[int, int], dict[str, Any]]:
        by_language = {k: (v.size, v.vector_sum.round(4).tolist()) for k, v in sketch.languages.items()}
        return sketch.size, dict(sketch.entities), by_language

    built = {k: summary(v) for k, v in _sketches(demo_store).items()}
    with tidings.open_store(demo_store.path) as fresh:
        loaded = {k: summary(v) for k, v in _sketches(fresh).items()}
    assert loaded == built
    assert any(len(v[2]) == 2 for v in built.values())  # a story told in both languages


def _unit(*values: float) -> np.ndarray:
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def test_each_language_of_a_story_is_held_to_its_own_floor() -> None:
    chinese, english = _unit(1.0), _unit(0.82, math.sqrt(1 - 0.82**2))
    report = _unit(0.97, 0.0, math.sqrt(1 - 0.97**2))  # a Chinese report of the same event
    story = StorySketch(1)
    story.add(DocumentSketch("zh-1", chinese, {}, None, language="zh"))
    story.add(DocumentSketch("en-1", english, {}, None, language="en"))
    doc = DocumentSketch("zh-2", report, {}, None, language="zh")
    to_chinese, to_english = float(report @ chinese), float(report @ english)  # 0.97 and 0.795
    # Each cosine less its own floor (Chinese 0.95, across languages 0.8): just above, on average.
    expected = ((to_chinese - 0.95) + (to_english - 0.8)) / 2
    assert _cosine_above_floor(doc, story) == pytest.approx(expected, abs=1e-6) and expected > 0
    # One floor for the whole story (its first report's, Chinese) would have turned it away.
    assert (to_chinese + to_english) / 2 - 0.95 < -0.05


def test_stories_placed_before_per_language_sums_are_placed_again(tmp_path: Path) -> None:
    path = str(tmp_path / "t.db")
    with tidings.open_store(path) as store:
        tidings.ingest(store, [str(SAMPLES)])
        before = sorted(sorted(d["source"] for d in s["documents"]) for s in list_stories(store))
        with store.transaction():  # what a store at schema 5 looks like
            store.conn.execute("DROP TABLE story_languages")
            store.conn.execute("ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT ''")
            store.conn.execute("DROP TABLE documents_to_tokenize")  # schema 7's
        store.conn.execute("PRAGMA user_version = 5")
    with tidings.open_store(path) as store:
        assert store.schema_version >= 6 and list_stories(store) == []
        tidings.ingest(store, [])
        after = sorted(sorted(d["source"] for d in s["documents"]) for s in list_stories(store))
    assert after == before
