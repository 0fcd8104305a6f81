"""The English reader: the answer span inside an English sentence, for an English question.

The Chinese reader (``reader.py``) reads jieba's words and their parts of speech; this one reads
English. It lists every run of up to ``MAX_SPAN_WORDS`` words inside one clause of the sentence,
and the rules' guesses (a name ingest found, a date, a number), as candidates; describes each by
what an English answer looks like: which words start and end it and stand on either side of it
(function words by themselves, others by their shape: capitalised, lower case, a number, a year)
and their parts of speech, whether it is a noun phrase or a name whole or cuts through one, which
word governs it and whether that word is the question's, how long it is, whether it repeats the
question, how near it stands to the question's words and how many of them run right up to it,
whether it ends on the noun the question asks for ("What [satellite]"), whether its clause holds
the question's words; and scores each with ``reader_en_weights.json``. The parse is spaCy's small
English model, which ingest runs for names already. ``bench/qa.py --fit-reader-en`` fits the
weights on every other English question of XQuAD over its English paragraphs and tests them on
the rest. The answer is picked from the scores as the Chinese reader picks it
(``reader._expected_best``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from tidings.answer.question import QUESTION_WORDS, Question
from tidings.answer.reader import Reading, _expected_best, _overlap, packaged_weights, weighed
from tidings.answer.spans import Span
from tidings.enrich.entities import english_nlp
from tidings.enrich.tokens import STOPWORDS, _stem

WEIGHTS_FILE = "reader_en_weights.json"
# The longest candidate, in words: of XQuAD's English gold answers, 94.5% are at most 8 words
# long, 97% at most 10.
MAX_SPAN_WORDS = 10
# How many words on either side of a candidate count as beside it (the question's words there),
# and the buckets of lengths and runs: set by hand, not tuned.
NEAR_WORDS = 6
_LENGTH_BUCKETS = ((1, 1), (2, 2), (3, 3), (4, 5), (6, 8), (9, 10_000))
_RUN_BUCKETS = ((0, 0), (1, 1), (2, 2), (3, 10_000))
# A word: an abbreviation with its stops (U.S.), an amount with its sign (£7.5, 40%) or a time
# (4:51), a word with its inner apostrophes (Hawai'i, 2A, 1990s), or one mark. A hyphen is a mark
# of its own, inside a candidate but not at its edge: Haicheng-based holds the answer Haicheng,
# and Kestrel-4 is a candidate whole.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|[$£€¥]?\d+(?:[.,:]\d+)*%?(?![A-Za-z0-9])"
    r"|[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿ0-9]+)*"
    r"|\S"
)
# Marks no candidate crosses; where a clause ends (the question's words in it: _clause_support).
_CLAUSE_MARKS = frozenset(',;:.!?()[]"“”')
# Words an English answer starts or ends on, or that stand beside it, often enough to be told
# apart one by one; any other word is told by its shape.
_FUNCTION_WORDS = frozenset(
    """
    a an the of to in on at by for from with and or but as into onto over under about after before
    between during since until than that which who whom whose where when while because although
    is are was were be been being has have had do does did will would can could may might must
    should not no it its this these those there their his her they he she such other more most
    some many much several each all both also only then so if called named known
    """.split()
)
_ASKING = re.compile(
    r"\b(what|which|who|whom|whose|when|where|why|how (?:many|much|long|far|old|big|large)|how)\b"
)
# Words after "what" or "which" that are not the noun asked for ("What is the name of ...").
_NOT_HEAD = frozenset("is are was were does did do has have had the a an kind type sort name of".split())
# What "what" asks for, by the word after it: a kind (what type of surveys: geophysical), a thing
# an auxiliary's verb acts on (what did Stiglitz present: evidence); or, with "name" or "called"
# near, a name. The features of a candidate are crossed with it.
_KIND_WORDS = frozenset("type types kind kinds sort sorts form forms".split())
_AUXILIARIES = {
    **dict.fromkeys("is are was were".split(), "is"),
    **dict.fromkeys("do does did".split(), "do"),
    **dict.fromkeys("has have had".split(), "has"),
    **dict.fromkeys("can could would will should may might must".split(), "can"),
}


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        """A word or a number, not a mark."""
        return any(c.isalnum() for c in self.text)


@dataclass(frozen=True)
class _QuestionView:
    """What the features read of the question, worked out once per question."""

    kind: str
    wh: str  # the question word ("what", "how many"), "" if none
    head: str | None  # the noun the question word asks for, stemmed (What [satellite] ...?)
    terms: frozenset[str]  # the question's content words, stemmed


@lru_cache(maxsize=256)  # one question is read against several sentences
def _view_of(normalized: str, kind: str) -> _QuestionView:
    lowered = normalized.lower()
    match = _ASKING.search(lowered)
    wh = match.group(1) if match else ""
    head = None
    if match and wh in ("what", "which"):
        following = [w.lower for w in _words(lowered[match.end() :])[:4] if w.is_word]
        head = next((_stem(w) for w in following if w not in _NOT_HEAD), None)
        if head in STOPWORDS or head in QUESTION_WORDS:
            head = None
        nxt = following[0] if following else ""
        if nxt in _KIND_WORDS:
            wh += " type"
        elif "name" in following[:3] or "called" in following[:3]:
            wh += " name"
        elif nxt in _AUXILIARIES:
            wh += " " + _AUXILIARIES[nxt]
    terms = frozenset(
        _stem(w.lower)
        for w in _words(lowered)
        if w.is_word and w.lower not in STOPWORDS and w.lower not in QUESTION_WORDS
    )
    return _QuestionView(kind=kind, wh=wh, head=head, terms=terms)


def _words(text: str) -> list[_Word]:
    return [_Word(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: _Word | None, first_of_sentence: bool = False) -> str:
    """How a word is told apart: a function word by itself, a mark by itself, others by shape."""
    if word is None:
        return "edge"
    lower = word.lower
    if lower in _FUNCTION_WORDS:
        return lower
    if not word.is_word:
        return word.text
    if re.fullmatch(r"1\d{3}|20\d{2}", word.text):
        return "year"
    if word.text[0].isdigit() or word.text[0] in "$£€¥":
        return "number"
    if word.text[0].isupper():
        return "first_cap" if first_of_sentence else "cap"
    return "lower"


def _bucket(n: int, buckets: tuple[tuple[int, int], ...]) -> str:
    return next(str(lo) for lo, hi in buckets if lo <= n <= hi)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    tag: str  # coarse part of speech
    dep: str  # its relation to its head
    head: int  # its head's index
    lower: str


@dataclass(frozen=True)
class _Parse:
    tokens: list[_Token]
    chunks: frozenset[tuple[int, int]]
    bare_chunks: frozenset[tuple[int, int]]
    entities: dict[tuple[int, int], str]


@dataclass(frozen=True)
class _SentenceView:
    words: list[_Word]
    stems: list[str]  # each word's stem, lower case
    asked: list[bool]  # is each word one of the question's content words
    rule: tuple[int, int] | None  # the rules' answer, in characters
    typed: list[tuple[int, int]]  # spans of the wanted kind, in characters
    clause_of: list[int]  # each word's clause, by number
    clause_support: list[float]  # the share of the question's words in each clause
    tags: list[str]  # each word's part of speech (spaCy's coarse tag of the token it starts in)
    chunks: frozenset[tuple[int, int]]  # noun phrases, in characters (spaCy's noun chunks)
    bare_chunks: frozenset[tuple[int, int]]  # the same without a leading article or possessive
    entities: dict[tuple[int, int], str]  # names spaCy found -> their label
    tokens: list[_Token]  # spaCy's tokens, parsed


def _sentence_view(qv: _QuestionView, sentence: str, rule: Span | None, typed: list[Span]) -> _SentenceView:
    words = _words(sentence)
    stems = [_stem(w.lower) for w in words]
    clause_of, clause = [], 0
    for w in words:
        clause_of.append(clause)
        clause += w.text in _CLAUSE_MARKS
    asked = [s in qv.terms for s in stems]
    held: list[set[str]] = [set() for _ in range(clause + 1)]
    for k, s in enumerate(stems):
        if asked[k]:
            held[clause_of[k]].add(s)
    support = [len(h) / len(qv.terms) if qv.terms else 0.0 for h in held]
    parse = _parsed(sentence)
    tag_at: dict[int, str] = {}
    for token in parse.tokens:
        for k in range(token.start, token.end):
            tag_at.setdefault(k, token.tag)
    return _SentenceView(
        words=words,
        stems=stems,
        asked=asked,
        rule=(rule.start, rule.end) if rule else None,
        typed=[(t.start, t.end) for t in typed],
        clause_of=clause_of,
        clause_support=support,
        tags=[tag_at.get(w.start, "X") for w in words],
        chunks=parse.chunks,
        bare_chunks=parse.bare_chunks,
        entities=parse.entities,
        tokens=parse.tokens,
    )


@lru_cache(maxsize=64)
def _parsed(sentence: str) -> _Parse:
    doc = english_nlp()(sentence)
    chunks, bare = set(), set()
    for chunk in doc.noun_chunks:
        chunks.add((chunk.start_char, chunk.end_char))
        first = chunk[0]
        if len(chunk) > 1 and first.pos_ in ("DET", "PRON"):
            bare.add((chunk[1].idx, chunk.end_char))
        else:
            bare.add((chunk.start_char, chunk.end_char))
    return _Parse(
        tokens=[_Token(t.idx, t.idx + len(t.text), t.pos_, t.dep_, t.head.i, t.lower_) for t in doc],
        chunks=frozenset(chunks),
        bare_chunks=frozenset(bare),
        entities={(e.start_char, e.end_char): e.label_ for e in doc.ents},
    )


def _runs(sv: _SentenceView) -> list[tuple[int, int]]:
    """Runs of whole words, by word index (first, last + 1), inside one clause."""
    out = []
    for i, first in enumerate(sv.words):
        if not first.is_word:
            continue
        for j in range(i, min(len(sv.words), i + MAX_SPAN_WORDS)):
            if sv.words[j].text in _CLAUSE_MARKS:
                break
            if sv.words[j].is_word:
                out.append((i, j + 1))
    return out


def _run_beside(sv: _SentenceView, start: int, step: int) -> int:
    """How many of the question's words stand right beside a span, reading away from it from
    word ``start`` by ``step``, function words passed over (the name [of the satellite] used)."""
    n, k = 0, start
    while 0 <= k < len(sv.words) and sv.words[k].text not in _CLAUSE_MARKS:
        if sv.asked[k]:
            n += 1
        elif sv.words[k].lower not in _FUNCTION_WORDS:
            break
        k += step
    return n


def features(qv: _QuestionView, sv: _SentenceView, span: tuple[int, int]) -> dict[str, float]:
    """The features of the candidate ``span`` (characters; its non-zero ones)."""
    first, last = _word_range(sv, span)
    words = sv.words[first:last]
    kind, wh = qv.kind, qv.wh
    f: dict[str, float] = {}
    # agreement with the rules' span (wider or inside it, not the same)
    same, iou, wider, inside = _overlap(span, sv.rule)
    f.update({"rule": same, "rule_iou": iou, "rule_wider": wider - same, "rule_inside": inside - same})
    f[f"k_rule:{kind}"] = f.get("rule", 0.0)
    f["typed"] = float(span in sv.typed)
    f[f"k_typed:{kind}"] = f["typed"]
    f["typed_holds"] = float(any(span[0] <= a and b <= span[1] for a, b in sv.typed))
    f["typed_within"] = float(any(a <= span[0] and span[1] <= b for a, b in sv.typed))
    f["no_rule"] = float(sv.rule is None)
    # does it repeat the question?
    content = [
        k for k in range(first, last) if sv.words[k].is_word and sv.words[k].lower not in _FUNCTION_WORDS
    ]
    asked = sum(sv.asked[k] for k in content)
    f["question_share"] = asked / len(content) if content else 1.0
    f["holds_question"] = float(asked > 0)
    # its shape
    n = last - first
    bucket = _bucket(n, _LENGTH_BUCKETS)
    f["log_words"] = math.log1p(n)
    f[f"len:{bucket}"] = 1.0
    f[f"k_len:{kind}:{bucket}"] = 1.0
    f[f"w_len:{wh}:{bucket}"] = 1.0
    shapes = {
        "first": _shape(words[0], first == 0),
        "last": _shape(words[-1], last - 1 == 0),
        "before": _shape(sv.words[first - 1] if first > 0 else None, first - 1 == 0),
        "after": _shape(sv.words[last] if last < len(sv.words) else None),
    }
    for name, shape in shapes.items():
        f[f"{name}:{shape}"] = 1.0
        f[f"w_{name}:{wh}:{shape}"] = 1.0
        f[f"k_{name}:{kind}:{shape}"] = 1.0
    tags = {
        "first": sv.tags[first],
        "last": sv.tags[last - 1],
        "before": sv.tags[first - 1] if first > 0 else "edge",
        "after": sv.tags[last] if last < len(sv.words) else "edge",
    }
    for name, tag in tags.items():
        f[f"{name}_tag:{tag}"] = 1.0
        f[f"w_{name}_tag:{wh}:{tag}"] = 1.0
    f.update(_parse_features(qv, sv, span))
    capitalised = sum(w.text[0].isupper() for w in words)
    f["capitalised"] = capitalised / n
    f[f"w_capitalised:{wh}"] = capitalised / n
    numbers = sum(w.text[0].isdigit() or w.text[0] in "$£€¥" for w in words)
    f[f"w_number:{wh}"] = float(numbers > 0)
    f[f"k_number:{kind}"] = float(numbers > 0)
    # the question's words around it
    lefts = [first - 1 - k for k in range(first) if sv.asked[k]]
    rights = [k - last for k in range(last, len(sv.words)) if sv.asked[k]]
    f["near_left"] = 1.0 / (1.0 + min(lefts) / 2.0) if lefts else 0.0
    f["near_right"] = 1.0 / (1.0 + min(rights) / 2.0) if rights else 0.0
    if qv.terms:
        window_left = {sv.stems[k] for k in range(max(0, first - NEAR_WORDS), first) if sv.asked[k]}
        window_right = {
            sv.stems[k] for k in range(last, min(len(sv.words), last + NEAR_WORDS)) if sv.asked[k]
        }
        f["left_support"] = len(window_left) / len(qv.terms)
        f["right_support"] = len(window_right) / len(qv.terms)
        f["both_support"] = len(window_left | window_right) / len(qv.terms)
        # each of the question's words by how near its nearest occurrence stands, either side
        nearest: dict[str, int] = {}
        for k, stem in enumerate(sv.stems):
            if sv.asked[k] and not first <= k < last:
                gap = first - k if k < first else k - last + 1
                nearest[stem] = min(gap, nearest.get(stem, gap))
        f["closeness"] = sum(1.0 / (1.0 + g) for g in nearest.values()) / len(qv.terms)
        f["found_share"] = len(nearest) / len(qv.terms)
    for name, run in (("left_run", _run_beside(sv, first - 1, -1)), ("right_run", _run_beside(sv, last, 1))):
        run_bucket = _bucket(run, _RUN_BUCKETS)
        f[f"{name}:{run_bucket}"] = 1.0
        f[f"w_{name}:{wh}:{run_bucket}"] = 1.0
    # the noun the question asks for: in it (the [Sky satellite]), or right after it
    if qv.head is not None:
        f["head_last"] = float(sv.stems[last - 1] == qv.head)
        f["head_inside"] = float(qv.head in sv.stems[first:last])
        f["head_after"] = float(last < len(sv.stems) and sv.stems[last] == qv.head)
        f["head_before"] = float(first > 0 and sv.stems[first - 1] == qv.head)
    # does its clause hold more of the question's words than the others?
    own = sv.clause_support[sv.clause_of[first]]
    best = max(sv.clause_support)
    f["clause_support"] = own
    f["clause_best"] = float(best > 0 and own == best)
    f["clause_short"] = best - own
    return {k: v for k, v in f.items() if v}


def _parse_features(qv: _QuestionView, sv: _SentenceView, span: tuple[int, int]) -> dict[str, float]:
    """What spaCy's parse says of the span: a noun phrase or a name whole, or cut through; its
    head's relation to the word that governs it, and whether that word is the question's
    (Stiglitz presented [evidence]: what did Stiglitz present?)."""
    wh, kind = qv.wh, qv.kind
    f: dict[str, float] = {}
    f["chunk"] = float(span in sv.chunks)
    f["bare_chunk"] = float(span in sv.bare_chunks)
    f[f"w_chunk:{wh}"] = f["chunk"] or f["bare_chunk"]
    f["in_chunk"] = float(any(a <= span[0] and span[1] <= b and (a, b) != span for a, b in sv.chunks))
    f["chunk_cut"] = float(any(a < span[0] < b or a < span[1] < b for a, b in sv.chunks))
    inside = [k for k, t in enumerate(sv.tokens) if span[0] <= t.start and t.end <= span[1]]
    roots = [k for k in inside if sv.tokens[k].head not in inside or sv.tokens[k].head == k]
    if roots:
        root = sv.tokens[roots[0]]
        f[f"dep:{root.dep}"] = 1.0
        f[f"w_dep:{wh}:{root.dep}"] = 1.0
        f["one_root"] = float(len(roots) == 1)
        governor = sv.tokens[root.head]
        if root.head != roots[0]:
            stem = _stem(governor.lower)[:5]
            f["governor_asked"] = float(any(t[:5] == stem for t in qv.terms))
            f[f"w_governor_asked:{wh}"] = f["governor_asked"]
    label = sv.entities.get(span)
    if label is not None:
        f["entity"] = 1.0
        f[f"entity:{label}"] = 1.0
        f[f"w_entity:{wh}:{label}"] = 1.0
        f[f"k_entity:{kind}:{label}"] = 1.0
    f["entity_cut"] = float(any(a < span[0] < b or a < span[1] < b for a, b in sv.entities))
    return f


def _word_range(sv: _SentenceView, span: tuple[int, int]) -> tuple[int, int]:
    """The words a span of characters covers, in part or whole (first, last + 1)."""
    inside = [k for k, w in enumerate(sv.words) if w.start < span[1] and span[0] < w.end]
    return inside[0], inside[-1] + 1


def _repeats_question(sv: _SentenceView, span: tuple[int, int]) -> bool:
    """Every word of the span that is not a function word is the question's (or there is none)."""
    first, last = _word_range(sv, span)
    return all(
        sv.asked[k] or sv.words[k].lower in _FUNCTION_WORDS or not sv.words[k].is_word
        for k in range(first, last)
    )


def candidate_features(
    q: Question, sentence: str, rule: Span | None, typed: list[Span]
) -> tuple[list[Span], list[dict[str, float]]]:
    """The candidate spans of ``sentence`` (normalised), each with its features; none that only
    repeats the question (Sky in "What satellite did Sky use?")."""
    qv = _view_of(q.normalized, q.kind)
    sv = _sentence_view(qv, sentence, rule, typed)
    ranges = {(sv.words[first].start, sv.words[last - 1].end) for first, last in _runs(sv)}
    # The rules' own guesses are candidates too (May 18, 1756 runs over a comma).
    ranges.update(r for r in (sv.rule, *sv.typed) if r is not None and r[1] > r[0])
    ordered = sorted(r for r in ranges if not _repeats_question(sv, r))
    return [Span(a, b, sentence[a:b]) for a, b in ordered], [features(qv, sv, r) for r in ordered]


@cache
def reader_en_weights() -> dict[str, float]:
    """The English reader's weights; empty when none are shipped (the rules answer then)."""
    return packaged_weights(WEIGHTS_FILE)


def read_english(
    q: Question,
    sentence: str,
    rule: Span | None,
    typed: list[Span],
    weights: dict[str, float] | None = None,
) -> Reading | None:
    """The reader's answer span in the English ``sentence`` (normalised), under ``weights`` (by
    default the shipped ones); None when there are no weights."""
    weights = reader_en_weights() if weights is None else weights
    if not weights:
        return None
    spans, rows = candidate_features(q, sentence, rule, typed)
    scored = [(weighed(row, weights), span) for span, row in zip(spans, rows, strict=True)]
    if not scored:
        return Reading(span=None, score=0.0, expected_f1=0.0, aligned=False, typed=bool(typed))
    span, expected_f1 = _expected_best(scored)
    return Reading(
        span=span,
        score=max(score for score, _ in scored),
        expected_f1=expected_f1,
        aligned=False,
        typed=bool(typed),
    )
