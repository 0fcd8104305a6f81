"""The command line: JSON contracts, exit statuses, --db / TIDINGS_DB, every command documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tidings.cli import cli

from .conftest import ROOT, SAMPLES

ARTICLE = "青澜潮汐3月2日宣布完成B轮融资,由沃斯资本领投。公司创始人林嘉禾表示,资金将用于扩建工厂。"


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_json_contract_and_duplicates(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    code, out, _ = run("--db", db, "ingest", str(SAMPLES), "--json")
    assert code == 0 and json.loads(out) == {"ingested": 13, "duplicates": 0, "rejected": []}
    code, out, _ = run("--db", db, "ingest", str(SAMPLES), "--json")
    assert code == 0 and json.loads(out) == {"ingested": 0, "duplicates": 13, "rejected": []}


def test_rejections_exit_1_and_the_rest_is_ingested(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)))
    code, out, err = run(
        "--db",
        str(tmp_path / "t.db"),
        "ingest",
        str(tmp_path / "good.txt"),
        str(tmp_path / "bad.txt"),
        "--json",
    )
    report = json.loads(out)
    assert code == 1 and report["ingested"] == 1
    assert report["rejected"] == [
        {"source": str(tmp_path / "bad.txt"), "error": "binary file, not text or HTML"}
    ]
    assert "rejected" in err and "Traceback" not in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("--db", str(tmp_path / "t.db"), "ingest")[0] == 2
    assert run("--db", str(tmp_path / "t.db"), "ask")[0] == 2
    assert run("--db", str(tmp_path / "t.db"), "nonsense")[0] == 2


def test_stdin_ask_and_documents_with_env_db(tmp_path: Path) -> None:
    env = {"TIDINGS_DB": str(tmp_path / "env.db")}
    line = json.dumps(
        {"text": ARTICLE, "url": "https://x.example/a", "title": "融资", "published": "2026-03-02"}
    )
    code, out, _ = run("ingest", "-", "--json", input=line + "\n", env=env)
    assert code == 0 and json.loads(out)["ingested"] == 1
    code, out, _ = run("ask", "谁领投了青澜潮汐的B轮融资?", "--json", env=env)
    answer = json.loads(out)
    assert code == 0 and answer["answer"] is not None and "沃斯资本" in answer["citations"][0]["text"]
    code, out, _ = run("documents", "--json", "--text", env=env)
    docs = json.loads(out)
    assert docs[0]["source"] == "https://x.example/a" and docs[0]["published"] == "2026-03-02"
    assert set(docs[0]) == {
        "doc_id",
        "source",
        "title",
        "published",
        "language",
        "sentences",
        "duplicate_of",
        "text",
    }
    assert docs[0]["text"] == ARTICLE


def test_ask_batch_echoes_ids_in_order(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    run("--db", db, "ingest", str(SAMPLES), "--quiet")
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        "\n".join(
            json.dumps(q, ensure_ascii=False)
            for q in [
                {"question": "海澄港务局订购了多少台潮汐3号?", "id": "a"},
                {"question": "今天北京的天气怎么样?", "id": "b"},
            ]
        ),
        encoding="utf-8",
    )
    code, out, _ = run("--db", db, "ask", "--batch", str(batch), "--json")
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [x["id"] for x in lines] == ["a", "b"]
    assert lines[0]["answer"] == "40台" and lines[1]["answer"] is None


def test_human_output_says_when_there_is_no_answer(tmp_path: Path) -> None:
    code, out, _ = run("--db", str(tmp_path / "t.db"), "ask", "今天北京的天气怎么样?")
    assert code == 0 and "no answer" in out


def test_installed_entry_point_keeps_stdout_pure_json(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "tidings"
    proc = subprocess.run(
        [str(exe), "--db", str(tmp_path / "t.db"), "ingest", str(SAMPLES), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["ingested"] == 13


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert re.search(rf"tidings (--db \S+ )?{name}\b", readme), (
            f"README does not document `tidings {name}`"
        )
