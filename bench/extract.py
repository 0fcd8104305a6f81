"""Main-text extraction on the article-extraction benchmark (181 real pages, English news).

Scores each extractor with the benchmark's own metric: token 4-gram shingles of the extraction
against the ground truth, tp/fp/fn normalised per page, precision and recall averaged over pages,
F1 their harmonic mean. Peers in the same run: plain trafilatura (its defaults) and the whole
page as text. Usage: ``python bench/extract.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura

from tidings.clean import clean
from tidings.errors import RejectedInput
from tidings.models import RawItem

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bench" / "article-extraction"
_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _shingles(true), _shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(recall(*r) for r in rows if r[0] + r[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def tidings_extract(html: str, url: str) -> str:
    try:
        return clean(RawItem(source=url, html=html, url=url)).text
    except RejectedInput:
        return ""


def trafilatura_extract(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def whole_page(html: str, url: str) -> str:
    """Every visible text node: the page less its scripts, styles and comments."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for node in tree.xpath("//script | //style | //noscript | //template | //comment()"):
        node.drop_tree()
    return "\n".join(t.strip() for t in tree.itertext() if t.strip())


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "tidings": tidings_extract,
    "trafilatura (defaults)": trafilatura_extract,
    "whole page as text": whole_page,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"benchmark data not found at {DATA}", file=sys.stderr)
        return 2
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit or None]
    pages = {
        k: gzip.decompress((DATA / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8", "replace")
        for k in keys
    }
    print(f"article-extraction: {len(keys)} pages")
    print(f"{'extractor':<24} {'precision':>9} {'recall':>7} {'F1':>6} {'F1/trafilatura':>15} {'s/page':>7}")
    results = {}
    for name, extract in EXTRACTORS.items():
        started = time.perf_counter()
        rows = [
            tp_fp_fn(truth[k].get("articleBody", ""), extract(pages[k], truth[k].get("url", "")))
            for k in keys
        ]
        results[name] = (score(rows), (time.perf_counter() - started) / len(keys))
    base = results["trafilatura (defaults)"][0]["f1"]
    for name, (s, per_page) in results.items():
        print(
            f"{name:<24} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f}"
            f" {s['f1'] / base:>15.3f} {per_page:>7.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
