"""Chinese entity recognition on MSRA (test) and Weibo (dev): PER, LOC and ORG.

Each sentence is read on its own by tidings' Chinese recogniser (jieba's tags, name patterns,
appositions, organisation suffixes and the CC-CEDICT gazetteer) and, as the baseline in the same
run, by jieba's part-of-speech tags alone (nr/nrt/nrfg -> PER, ns -> LOC, nt -> ORG). Mentions are
scored exactly (same characters, same type), micro-averaged. Weibo's nominal mentions (穷人,
宾馆: ``*.NOM``) are not names and are left out; its GPE counts as LOC, as in MSRA.
Usage: ``python bench/ner.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import jieba.posseg

from tidings.clean import split_sentences
from tidings.enrich.entities import find_mentions
from tidings.enrich.tokens import _ready

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bench" / "ner"
TYPES = ("PER", "LOC", "ORG")
Span = tuple[int, int, str]


def read_bio(path: Path, weibo: bool) -> Iterator[tuple[str, set[Span]]]:
    """Sentences and their gold spans from a character-per-line BIO file."""
    chars: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if chars:
                yield "".join(chars), _spans(tags)
            chars, tags = [], []
            continue
        token, _, tag = line.partition("\t")
        if weibo:
            token = token[:-1] if len(token) > 1 and token[-1].isdigit() else token  # 北0: a segment digit
            tag = tag if tag.endswith(".NAM") else "O"
            tag = tag.replace(".NAM", "").replace("GPE", "LOC")
        chars.append(token[:1] or " ")
        tags.append(tag.strip() or "O")


def _spans(tags: list[str]) -> set[Span]:
    spans: set[Span] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == kind
        if start >= 0 and not inside:
            spans.add((start, i, kind))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, kind = i, tag[2:]
    return {s for s in spans if s[2] in TYPES}


def tidings_spans(text: str) -> set[Span]:
    sentences = split_sentences(text)
    found: set[Span] = set()
    for sentence in sentences:
        if sentence.normalized != text[sentence.start : sentence.end]:
            # Offsets are compared in the raw text; where normalisation changed characters
            # (Traditional, full-width), read the raw sentence instead.
            sentence = type(sentence)(**{**sentence.__dict__, "normalized": sentence.text})
        for m in find_mentions([sentence], "zh"):
            if m.type in TYPES:
                found.add((sentence.start + m.start, sentence.start + m.end, m.type))
    return found


_JIEBA_TYPES = {"nr": "PER", "nrt": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG"}


def jieba_spans(text: str) -> set[Span]:
    _ready()
    found: set[Span] = set()
    offset = 0
    for word, flag in jieba.posseg.cut(text):
        if flag in _JIEBA_TYPES:
            found.add((offset, offset + len(word), _JIEBA_TYPES[flag]))
        offset += len(word)
    return found


def evaluate(
    data: list[tuple[str, set[Span]]], system: Callable[[str], set[Span]]
) -> tuple[dict[str, tuple[float, float, float]], float]:
    counts: dict[str, Counter[str]] = {t: Counter() for t in (*TYPES, "all")}
    started = time.perf_counter()
    for text, gold in data:
        predicted = system(text)
        for kind in TYPES:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in predicted if s[2] == kind}
            for key in (kind, "all"):
                counts[key]["tp"] += len(g & p)
                counts[key]["fp"] += len(p - g)
                counts[key]["fn"] += len(g - p)
    elapsed = time.perf_counter() - started
    scores = {}
    for key, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[key] = (precision, recall, f1)
    return scores, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences of each set")
    args = parser.parse_args()
    sets = {
        "MSRA test": list(read_bio(DATA / "msra_test_bio.txt", weibo=False)),
        "Weibo dev (names)": list(read_bio(DATA / "weibo_dev.conll", weibo=True)),
    }
    tidings_spans("预热:北京。")  # load jieba, the gazetteer and spaCy before timing
    for name, data in sets.items():
        data = data[: args.limit] if args.limit else data
        gold = sum(len(g) for _, g in data)
        print(f"\n{name}: {len(data)} sentences, {gold} gold mentions")
        header = " ".join(f"{h:>7}" for h in ("PER F1", "LOC F1", "ORG F1", "P", "R", "F1", "s"))
        print(f"{'system':<22} {header}")
        results = {}
        for system_name, system in (("tidings", tidings_spans), ("jieba POS tags", jieba_spans)):
            scores, elapsed = evaluate(data, system)
            results[system_name] = scores["all"][2]
            per_type = " ".join(f"{scores[t][2]:7.3f}" for t in TYPES)
            p, r, f = scores["all"]
            print(f"{system_name:<22} {per_type} {p:6.3f} {r:6.3f} {f:6.3f} {elapsed:6.1f}")
        print(f"F1 ratio tidings / jieba: {results['tidings'] / results['jieba POS tags']:.2f}")


if __name__ == "__main__":
    main()
