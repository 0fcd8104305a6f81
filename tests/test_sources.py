"""Sources: files, folders, .html.gz, JSON lines, standard input and http(s), with bad input of each kind."""

from __future__ import annotations

import gzip
import io
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tidings.errors import RejectedInput
from tidings.models import RawItem
from tidings.sources import iter_sources

ARTICLE = "青澜潮汐3月2日宣布完成B轮融资,由沃斯资本领投。公司创始人林嘉禾表示,资金将用于扩建工厂。"
TRADITIONAL = "青瀾潮汐三月二日宣佈完成B輪融資,由沃斯資本領投。公司創始人林嘉禾表示,資金將用於擴建工廠。"
HTML = (
    "<html><head><meta charset='gbk'><title>青澜潮汐融资</title></head>"
    f"<body><article><p>{ARTICLE}</p></article></body></html>"
)


def _split(results: list[RawItem | RejectedInput]) -> tuple[list[RawItem], list[RejectedInput]]:
    return [r for r in results if isinstance(r, RawItem)], [
        r for r in results if isinstance(r, RejectedInput)
    ]


def test_each_file_kind(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("# 标题\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "c.html").write_bytes(HTML.encode("gbk"))
    (tmp_path / "d.html.gz").write_bytes(gzip.compress(HTML.encode("gbk")))
    (tmp_path / "e.jsonl").write_text(
        json.dumps({"text": ARTICLE, "id": "x1", "title": "T"}) + "\n", encoding="utf-8"
    )
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items, rejected = _split(list(iter_sources([str(tmp_path)])))
    assert not rejected
    assert [Path(i.source).name if i.external_id is None else i.external_id for i in items] == [
        "a.txt",
        "b.md",
        "c.html",
        "d.html.gz",
        "x1",
    ]
    assert items[2].html is not None and ARTICLE in items[2].html  # GBK decoded through <meta charset>
    assert items[3].html == items[2].html


def test_folders_are_recursive_and_skip_question_files(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "questions.jsonl").write_text('{"q": "谁?", "expect_any": ["林嘉禾"]}\n', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    skipped: list[str] = []
    items, rejected = _split(list(iter_sources([str(tmp_path)], skipped=skipped)))
    assert [Path(i.source).name for i in items] == ["x.txt"] and not rejected
    assert len(skipped) == 1 and "questions.jsonl" in skipped[0]


def test_bad_files_are_rejected_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "truncated.html.gz").write_bytes(gzip.compress(HTML.encode("utf-8") * 50)[:60])
    with (tmp_path / "huge.txt").open("wb") as fh:  # 50 MB, sparse on disk
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    lines = "\n".join(
        [json.dumps({"text": ARTICLE}), "{not json", json.dumps([1, 2]), json.dumps({"title": "t"})]
    )
    (tmp_path / "mixed.jsonl").write_text(lines, encoding="utf-8")
    results = list(
        iter_sources(
            [
                str(tmp_path / n)
                for n in (
                    "binary.txt",
                    "empty.txt",
                    "truncated.html.gz",
                    "huge.txt",
                    "missing.txt",
                    "mixed.jsonl",
                    "good.txt",
                )
            ]
        )
    )
    items, rejected = _split(results)
    reasons = {Path(r.source).name: r.reason for r in rejected}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "gzip" in reasons["truncated.html.gz"]
    assert "too large" in reasons["huge.txt"] and "50.0 MiB" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert "not valid JSON" in reasons["mixed.jsonl:2"]
    assert "expected a JSON object" in reasons["mixed.jsonl:3"]
    assert 'no "text" or "html"' in reasons["mixed.jsonl:4"]
    assert [i.source for i in items] == [f"{tmp_path / 'mixed.jsonl'}:1", str(tmp_path / "good.txt")]


def test_stdin_is_json_lines() -> None:
    data = (
        json.dumps({"text": ARTICLE, "url": "https://x.example/1", "published": "2026-03-02"}) + "\n"
    ).encode()
    items, rejected = _split(list(iter_sources(["-"], stdin=io.BytesIO(data))))
    assert not rejected and items[0].source == "https://x.example/1" and items[0].published == "2026-03-02"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        pages = {
            "/story.html": ("text/html; charset=gbk", HTML.encode("gbk")),
            "/plain.txt": ("text/plain", TRADITIONAL.encode("big5")),  # no charset given: detected
            "/feed.json": ("application/json", b"{}"),
        }
        if self.path not in pages:
            self.send_error(404, "Not Found")
            return
        content_type, body = pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.network
def test_http_sources(http_base: str) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}/gone.html"
    urls = [
        f"{http_base}/story.html",
        f"{http_base}/plain.txt",
        f"{http_base}/missing.html",
        dead,
        f"{http_base}/feed.json",
    ]
    items, rejected = _split(list(iter_sources(urls)))
    assert len(items) == 2 and items[0].html is not None and ARTICLE in items[0].html
    assert items[1].text == TRADITIONAL
    reasons = {r.source: r.reason for r in rejected}
    assert "HTTP 404" in reasons[f"{http_base}/missing.html"]
    assert "unreachable" in reasons[dead]
    assert "unsupported content type" in reasons[f"{http_base}/feed.json"]
