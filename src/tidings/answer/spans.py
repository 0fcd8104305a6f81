"""Candidate answer spans of a given kind inside a sentence: amounts, numbers, dates, names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

from tidings.enrich.names import NAME_DOTS, dotted_name_spans
from tidings.enrich.tokens import STOPWORDS, Word, _ready, placed

_NUM = r"(?:\d+(?:[.,，]\d+)*|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_BIG_UNIT = r"(?:万亿|千亿|百亿|十亿|千万|百万|亿|万|千|億|萬|兆)"
# 元人民币 before 元: one currency (2.38亿元人民币)
_CURRENCY = (
    r"(?:元人民币|美元|美金|英镑|欧元|日元|港元|港币|人民币|元|块钱|韩元|新台币"
    r"|澳元|加元|卢布|瑞郎|英鎊|歐元)"
)
_APPROX = r"(?:约合|约|近|超过|超|不到|不足|逾|高达|至少|多达|大约|将近|仅|上千|数|約|超過|將近)?"
_EN_SCALE = r"(?:(?:trillion|billion|million|thousand|bn|mn|tn|[bmk])\b)"

MONEY = re.compile(
    rf"{_APPROX}{_NUM}\s*{_BIG_UNIT}?\s*(?:[BMK]\s*)?{_CURRENCY}"
    rf"|(?:US\$|\$|€|£|¥|USD\s?|RMB\s?|CNY\s?|EUR\s?|GBP\s?){_NUM}\s*{_EN_SCALE}?"
    rf"|{_NUM}\s*{_EN_SCALE}?\s*(?:dollars|usd|euros|pounds|yuan)\b",
    re.IGNORECASE,
)
# Units of size (a length, an area, a weight, an age...), which 多大 / 多远 ask for, and measure
# words, which count.
SIZE_UNIT = (
    r"(?:平方公里|平方千米|平方英里|平方米|立方米|公顷|公里|千米|厘米|毫米|公分|公尺|米|英里|英尺|英寸|海里|光年|"
    r"公斤|千克|克|吨|磅|毫升|升|摄氏度|度|千瓦|兆瓦|马力|亩|岁|(?:[kmgt]b|km|kg|cm|mm)(?![a-z])"
    r"|(?:square |cubic )?(?:(?:kilo|centi|milli)?met(?:er|re)s?|feet|foot|miles?|inch(?:es)?|yards?"
    r"|acres?|hectares?|tons?|tonnes?|pounds|kilograms?|grams?|light[- ]years?|years old|mph)\b)"
)
_MEASURE = (
    rf"(?:{SIZE_UNIT}|"
    r"个|位|名|人|台|块|张|家|次|款|架|辆|颗|枚|项|篇|条|件|所|座|页|字|倍|亿|万|%|％|层|届|集|场|首|只|头|种|"
    r"people|employees|staff|units|chips|servers|gpus|pages|times|percent)"
)
# The unit a question asks for when it asks how big, far, long or heavy (Question.unit).
SIZE = "size"
# The unit of a date question that asks for a year (what year, in which year, 哪一年): a date with
# one, never a range of dates.
YEAR = "year"
# The unit of a question that asks for a share (what percentage): a number with a percent sign or
# word after it (51.6%, seventy percent).
PERCENT = "percent"
_PERCENT_SIGN = r"\s*(?:%|％|percent\b|per cent\b)"
# A range is one answer (2.6至3.5倍), and an ordinal keeps its 第 (第十三届, 第 26 届).
_RANGE = rf"{_NUM}(?:\s*(?:至|到|~|～|-|—)\s*{_NUM})?"
_NUM_OR_RANGE = rf"(?:第\s*)?{_RANGE}"
# English numbers: digits (not a year, nor a model's number: Tide-3, F-16) or words, a range whole
# (100-150, 30 to 50 thousand).
EN_WORD_NUMBER = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|a hundred|hundreds|a dozen|dozens)"
)
_EN_ONE_NUMBER = (
    r"(?:(?<![\w.$])(?<![A-Za-z]-)(?!(?:1\d|20)\d\d\b)\d[\d,]*(?:\.\d+)?(?![\d,.]*\d)"
    rf"|\b{EN_WORD_NUMBER}(?:[- ]{EN_WORD_NUMBER})?\b)"
)
EN_NUMBER = (
    rf"{_EN_ONE_NUMBER}(?:\s*(?:-|–|—|to)\s*{_EN_ONE_NUMBER})?"
    r"(?: (?:hundred|thousand|million|billion|trillion)\b)?"
)
# A number with a currency after it is a count too: 票房是多少? asks for a number, and 1830万 is no
# answer where the sentence says 1830万美元 (CMRC 2018 dev's 284 number and money questions: 5 more
# answers hold a gold answer, none fewer; with 元人民币 as one currency, 2.38亿元人民币).
NUMBER = re.compile(
    rf"{_APPROX}{_NUM_OR_RANGE}\s*{_BIG_UNIT}?\s*(?:多|余)?(?:{_CURRENCY}|{_MEASURE})"
    # English counts in any text: a number before a word ("40 Tide-3 robots", "about 320 people"),
    # not the 3 of Tide-3
    r"|(?:about |nearly |more than |at least |over )?(?<![\w.$])(?<![A-Za-z]-)(?!(?:19|20)\d\d\b)"
    r"\d[\d,]*(?:\.\d+)?"
    r"(?: (?:million|billion|thousand))?(?= [A-Za-z])",
    re.IGNORECASE,
)
ENGLISH_NUMBER = re.compile(EN_NUMBER, re.IGNORECASE)  # in English text only: 第 49 届 is no count
PERCENT_NUMBER = re.compile(rf"{EN_NUMBER}{_PERCENT_SIGN}", re.IGNORECASE)  # 51.6%, forty percent
_CJK = re.compile(r"[\u3400-\u9fff]")
_MONTH_NAME = re.compile(r"[\d零〇一二三四五六七八九十]\s*月$")
DURATION = re.compile(
    rf"{_APPROX}(?:{_RANGE}|半)\s*(?:个多|个半|个)?\s*(?:年半|年|月|天|周|星期|小时|分钟|years?|months?|weeks?|days?|hours?)(?:半|多)?"
    r"(?!前|后|以前|以后|之前|之后|ago|later|before|after)",  # 三个多月前 is a date, not a duration
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"
)
DATE = re.compile(
    r"(?:\d{3,4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*[日号])"
    r"|(?:公元前?)?\d{3,4}\s*年\s*(?:\d{1,2}\s*月)?(?:初|底|末|中|上旬|中旬|下旬)?"
    r"|(?:今年|去年|明年)?\d{1,2}\s*月(?:初|底|末|中|上旬|中旬|下旬)?"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    # English: May 18, 1756; 8 February 2007; July 1961; 1349; the 1960s
    rf"|\b\d{{1,2}}\s+{_MONTHS}(?:,?\s*\d{{3,4}}\b)?"
    rf"|\b{_MONTHS}(?:\s+\d{{1,2}}\b)?(?:,?\s*\b\d{{3,4}}\b)?(?<=\d)"
    r"|\b(?:1\d|20)\d{2}s?\b",
    re.IGNORECASE,
)
# Reasons: what follows 因为/由于 up to the result (因为[连吃败仗]而被迫退休), what precedes 所以/因此,
# and the purpose after 为了.
REASON = re.compile(
    r"(?:因为|由于|因(?=[^为此而]))(?P<cause>[^，,。；;：:]{2,40}?)(?=而|才|所以|，|,|。|；|;|$)"
    r"|(?P<before>[^，,。；;：:]{2,40})[，,]?(?=所以|因此|因而|于是|从而|以致)"
    r"|为了(?P<purpose>[^，,。；;：:]{2,40})"
)
# Latin names inside Chinese text have no \b before them (公司Neuralink): use lookarounds.
LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-zA-Z]+(?:[ -][A-Z][a-zA-Z]+)+(?![A-Za-z])")
LATIN_WORD = re.compile(
    r"(?<![A-Za-z])(?:[A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z][a-z]{2,}|[A-Z]{2,}[a-z]*)(?:\.[A-Z]{1,3})?(?![A-Za-z])"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def value_key(text: str) -> str:
    """A span's text as compared with others and with the question: no spaces, lower case."""
    return re.sub(r"\s+", "", text).lower()


def _regex_spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), m.group(0).strip()) for m in pattern.finditer(text) if m.group(0).strip()
    ]


def dotted_names(text: str) -> list[Span]:
    """Names joined by a middle dot, where jieba's words say they stop (``names.dotted_name_spans``)."""
    if not any(dot in text for dot in NAME_DOTS):
        return []  # without tagging the sentence
    return [Span(a, b, text[a:b]) for a, b in dotted_name_spans(text, placed_words(text))]


# How many sentences' tags are kept. The rules, the preference for names of the asked kind, and
# the reader (for each of the reranker's four sentences) tag the same best sentences of a
# question again and again; tagging was a third of the time a CMRC 2018 question took.
TAGGED_SENTENCES = 4096


@lru_cache(maxsize=TAGGED_SENTENCES)
def tagged_words(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of ``text`` with their part-of-speech tags, kept for the latest sentences."""
    _ready()
    return tuple((pair.word, pair.flag) for pair in jieba.posseg.cut(text))


def placed_words(text: str) -> list[Word]:
    """jieba's words of ``text`` with their tags and where they start and end."""
    return placed(tagged_words(text))


def _pos_spans(text: str, flags: tuple[str, ...]) -> list[Span]:
    return [
        Span(start, end, word)
        for word, flag, start, end in placed_words(text)
        if flag.startswith(flags) and len(word) >= 2
    ]


# A name jieba tags as a person or a thing (海澄湾 nr) that ends in a word for a kind of place,
# after at least two characters, is a place.
_PLACE_SUFFIX = re.compile(r"^[\u4e00-\u9fff]{2,}(?:湾|港|湖|岛|峡|省|市|县|镇)$")


def _suffixed_places(text: str) -> list[Span]:
    return [
        Span(start, end, word)
        for word, flag, start, end in placed_words(text)
        if flag in ("nr", "nz", "nrt", "nrfg") and _PLACE_SUFFIX.match(word)
    ]


def _focus_spans(text: str, focus: str) -> list[Span]:
    """For 什么X: the word just before each X, joined to it (物种 + 主义者, not 你这物种主义者)."""
    _ready()
    spans = []
    for m in re.finditer(re.escape(focus), text):
        words = list(jieba.cut(text[: m.start()]))
        before = words[-1] if words else ""
        if before and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", before) and before not in STOPWORDS:
            spans.append(Span(m.start() - len(before), m.end(), before + focus))
    return spans


def candidate_spans(kind: str, text: str, focus: str | None = None, unit: str | None = None) -> list[Span]:
    """Spans of ``text`` (a normalised sentence) that could answer a question of ``kind``; for a
    number asked with its measure word (多少趟), only the numbers that carry it, if there are any."""
    if focus:
        return _focus_spans(text, focus)
    if kind == "number" and unit == PERCENT:
        spans = _regex_spans(PERCENT_NUMBER, text)
        if spans:
            return spans
    elif kind == "number" and unit and unit != SIZE and unit.isascii():
        # how many tackles: the number before the word, a few words between at most (136 career sacks)
        noun = re.escape(unit[:-1] if len(unit) > 4 else unit)
        counted = re.compile(rf"{EN_NUMBER}(?=(?:[\s-]+[\w'-]+){{0,3}}?[\s-]+{noun})", re.IGNORECASE)
        spans = [] if _CJK.search(text) else _regex_spans(counted, text)
        if spans:
            return spans
    elif kind == "number" and unit:
        wanted = SIZE_UNIT if unit == SIZE else re.escape(unit)
        with_unit = re.compile(
            rf"{_APPROX}{_NUM_OR_RANGE}\s*{_BIG_UNIT}?\s*(?:个多|多|余)?{wanted}", re.IGNORECASE
        )
        spans = _regex_spans(with_unit, text)
        if spans:
            return spans
    if kind == "money":
        return _regex_spans(MONEY, text)
    if kind == "number":
        spans = _regex_spans(NUMBER, text)
        return spans if _CJK.search(text) else _drop_nested(spans + _regex_spans(ENGLISH_NUMBER, text))
    if kind == "duration":
        # 2015年 is a year and 4月 a month, not how long (4个月 is)
        return [
            s
            for s in _regex_spans(DURATION, text)
            if not re.match(r"^(?:19|20)\d{2}\s*年", s.text) and not _MONTH_NAME.search(s.text)
        ]
    if kind == "date":
        dates = _regex_spans(DATE, text)
        years = [d for d in dates if re.search(r"\d{3,4}", d.text)]
        return years if unit == YEAR and years else _joined(dates, text, _RANGE_BETWEEN)
    if kind == "person":
        spans = dotted_names(text) + _regex_spans(LATIN_NAME, text) + _pos_spans(text, ("nr",))
        return _drop_nested(spans)
    if kind == "organization":
        spans = _regex_spans(LATIN_WORD, text) + _pos_spans(text, ("nt",))
        return _drop_nested(spans)
    if kind == "place":
        return _joined(_drop_nested(_pos_spans(text, ("ns",)) + _suffixed_places(text)), text)
    if kind == "reason":
        return [
            Span(m.start(g), m.end(g), m.group(g))
            for m in REASON.finditer(text)
            for g in ("cause", "before", "purpose")
            if m.group(g)
        ]
    return []


# What stands between the two ends of a range of dates: 475年至477年, 5月11日至13日, 10月到次年4月,
# 1900–1904, May 1 to May 5. A question for dates takes the range whole (哪年到哪年, 哪些年, 什么时候
# for an event of several days): on CMRC 2018 dev's 269 date and duration questions, 7 answers
# change, 3 more hold a gold answer, none fewer, F1 up on all 7 (duration ranges too: 约3750～3295年).
_RANGE_BETWEEN = re.compile(
    r"\s*(?:至|到|~|～|-|－|—|–|to|until|through)\s*(?:次年|翌年|隔年)?\s*", re.IGNORECASE
)


# Nothing between two spans: they touch.
_TOUCHING = re.compile("")


def _joined(spans: list[Span], text: str, between: re.Pattern[str] = _TOUCHING) -> list[Span]:
    """Spans with only ``between`` between them are one: places that touch (美国 + 得克萨斯州 ->
    美国得克萨斯州, 浙江省 + 嘉兴市), dates with a range's connective (475年 + 至 + 477年)."""
    joined: list[Span] = []
    for span in spans:
        if joined and between.fullmatch(text, joined[-1].end, span.start):
            joined[-1] = Span(joined[-1].start, span.end, text[joined[-1].start : span.end])
        else:
            joined.append(span)
    return joined


def _drop_nested(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (马克·安德森 over 安德森)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


# -- spans by alignment ---------------------------------------------------------------------------
# For questions with no answer type ("X又叫什么?", "《A》是由哪两个公司开发的?"), the answer is where
# the question word would stand in the sentence: between the words that precede it in the
# question and the words that follow it.
_WH = re.compile(
    r"什么样的?|什么|哪一?(?:个|种|类|家|位|年|天|些|里|儿|部|所|条|座|支|名)?|谁|多少|几(?:个|位|名|种|次)?"
    r"|怎样|怎么样?|如何|何(?:时|地|处|种)?"
)
# Questions that ask for a description (特点, 作用, 怎么做): their answer often runs past a comma to
# the end of the sentence (负责什么: [掌理刑名，处理民刑讼事]). For these, an answer with only the
# question's left words in the sentence takes the rest of the sentence, not the rest of the clause.
# CMRC 2018 dev, every fourth question: F1 55.8 -> 56.6; for every question, 54.8 (a noun asked
# for stops at its comma: 后卫，人称“珍珠厄尔”...).
_DESCRIPTION = re.compile(
    r"特点|特征|做法|区别|不同|作用|职责|负责|目的|目标|机制|意思|意义|影响|怎么|怎样|如何"
    r"|内容|方法|过程|措施|功能|用途|表现|规定|原则"
)
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_CLAUSE_END = re.compile(r"[，,。；;！!？?：:（）()“”\"]")
# The longest answer found by alignment, in characters; longer gaps are not an answer.
MAX_ALIGNED_CHARS = 40
# How far before (after) the gap the question's left (right) words are counted.
ANCHOR_WINDOW = 12
# What a gap neither starts nor ends on: linking words, and marks that close or open something
# outside it (a source that dropped a name in another script leaves 舜天（；）据: no answer starts on ）).
_TRIM_LEFT = "是为叫称由被于在的了、 :：,，;；)）」』”》】]"
_TRIM_RIGHT = "的了、 ,，。;；:：(（「『“《【["
# A span with a letter or a digit in it, not marks alone (」, ，，）).
_HAS_TEXT = re.compile(r"\w")


def _context_words(text: str) -> list[tuple[str, float]]:
    """The question's words on one side of its question word, each with its weight as an anchor.

    Function words anchor too (以 in 以什么为食), at half weight.
    """
    _ready()
    # cut_for_search also yields the parts of long words: 合作开发 -> 合作, 开发, 合作开发.
    words = [
        w
        for w in (x.strip().lower() for x in jieba.cut_for_search(text))
        if w and re.search(r"[\w\u3400-\u9fff]", w)
    ]
    return [(w, len(w) * (0.5 if w in STOPWORDS else 1.0)) for w in words]


def _positions(word: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


# Extra support for an anchor that is the question word's own neighbour (又叫[什么]: 叫).
# Set above the support of a whole left context of ordinary length (3-4 words), so that 十字园蛛又叫[什么]
# anchors on 叫 rather than on a later mention of 十字.
NEIGHBOUR_BONUS = 4.0
_COPULAS = frozenset({"是", "为", "叫", "叫做", "称", "称为", "的"})


def _end_of(ends: re.Pattern[str], text: str, start: int) -> int:
    stop = ends.search(text, start)
    return stop.start() if stop else len(text)


def _head_noun(word: str, rest: str) -> str | None:
    """The noun a 哪个 or 什么 question word qualifies (哪个[大学], 什么[字]): the answer names one
    (香港中文大学, 简体字), so a gap that ends where the sentence writes it takes it in. CMRC 2018
    dev, every fourth question: EM 28.1 -> 30.7, F1 55.4 -> 55.8; in a clause that has only the
    question's right words as well (哪国人: 英国人), F1 56.86 -> 56.93: five answers better, none worse."""
    if not word.startswith(("什么", "哪")) or word.startswith("什么样"):
        return None
    _ready()
    first = next(iter(jieba.posseg.cut(rest)), None)
    return first.word if first is not None and first.flag.startswith("n") else None


def aligned_span(question: str, sentence: str) -> Span | None:
    """The gap in ``sentence`` where the question word of ``question`` would stand (both normalised)."""
    q = question.lower().rstrip("?？。!！ ")
    match = _WH.search(q)
    if not match:
        return None
    left, right = _context_words(q[: match.start()]), _context_words(q[match.end() :])
    s = sentence.lower()
    # The question word's neighbour, passing over a copula or particle (字[是]什么: 字), which the
    # sentence often leaves out (字允明) or words differently (为, 叫).
    left_content = [w for w, _ in left if w not in _COPULAS]
    left_next = left_content[-1] if left_content else (left[-1][0] if left else None)
    right_next = right[0][0] if right else None
    lefts = {p + len(w): w for w, _ in left for p in _positions(w, s)}
    rights = {p: w for w, _ in right for p in _positions(w, s)}

    def support(
        words: list[tuple[str, float]], lo: int, hi: int, anchor: str, neighbour: str | None
    ) -> float:
        window = s[max(lo, 0) : hi]
        found = sum(weight for w, weight in dict(words).items() if w in window)
        return found + (NEIGHBOUR_BONUS if anchor == neighbour else 0.0)

    def clean_gap(a: int, b: int, ends: re.Pattern[str] = _CLAUSE_END) -> bool:
        return 0 < b - a <= MAX_ALIGNED_CHARS and not ends.search(s, a, b)

    best: tuple[float, int, int] | None = None
    head = _head_noun(match.group(0), q[match.end() :])
    for end_left, lw in lefts.items():
        for start_right, rw in rights.items():
            if clean_gap(end_left, start_right):
                score = (
                    support(left, end_left - ANCHOR_WINDOW, end_left, lw, left_next)
                    + support(right, start_right, start_right + ANCHOR_WINDOW, rw, right_next)
                    - 0.05 * (start_right - end_left)
                )
                if best is None or score > best[0]:
                    best = (score, end_left, start_right + (len(rw) if rw == head else 0))
    if best is None:  # only the words before the question word are there: the rest of the clause (sentence)
        describe = _DESCRIPTION.search(q) is not None
        for end_left, lw in lefts.items():
            end = _end_of(_CLAUSE_END, s, end_left)
            if describe:
                sentence_end = _end_of(_SENTENCE_END, s, end_left)
                if sentence_end - end_left <= MAX_ALIGNED_CHARS:
                    end = sentence_end
            if clean_gap(end_left, end, _SENTENCE_END):
                score = support(left, end_left - ANCHOR_WINDOW, end_left, lw, left_next)
                if best is None or score > best[0]:
                    best = (score, end_left, end)
    if best is None:  # only the words after it: take the clause before them
        for start_right, rw in rights.items():
            stops = [m.end() for m in _CLAUSE_END.finditer(s, 0, start_right)]
            begin = stops[-1] if stops else 0
            if clean_gap(begin, start_right):
                score = support(right, start_right, start_right + ANCHOR_WINDOW, rw, right_next)
                if best is None or score > best[0]:
                    best = (score, begin, start_right + (len(rw) if rw == head else 0))
    if best is None:
        return None
    _, start, end = best
    while start < end and s[start] in _TRIM_LEFT:
        start += 1
    while end > start and s[end - 1] in _TRIM_RIGHT:
        end -= 1
    if not _HAS_TEXT.search(s, start, end):  # marks only: 」
        return None
    return Span(start, end, sentence[start:end])
