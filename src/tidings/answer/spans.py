"""Candidate answer spans of a given kind inside a sentence: amounts, numbers, dates, names."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jieba
import jieba.posseg

from tidings.enrich.tokens import STOPWORDS, _ready

_NUM = r"(?:\d+(?:[.,，]\d+)*|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_BIG_UNIT = r"(?:万亿|千亿|百亿|十亿|千万|百万|亿|万|千|億|萬|兆)"
_CURRENCY = r"(?:美元|美金|英镑|欧元|日元|港元|港币|人民币|元|块钱|韩元|新台币|澳元|加元|卢布|瑞郎|英鎊|歐元)"
_APPROX = r"(?:约合|约|近|超过|超|不到|不足|逾|高达|至少|多达|大约|将近|仅|上千|数|約|超過|將近)?"
_EN_SCALE = r"(?:(?:trillion|billion|million|thousand|bn|mn|tn|[bmk])\b)"

MONEY = re.compile(
    rf"{_APPROX}{_NUM}\s*{_BIG_UNIT}?\s*(?:[BMK]\s*)?{_CURRENCY}"
    rf"|(?:US\$|\$|€|£|¥|USD\s?|RMB\s?|CNY\s?|EUR\s?|GBP\s?){_NUM}\s*{_EN_SCALE}?"
    rf"|{_NUM}\s*{_EN_SCALE}?\s*(?:dollars|usd|euros|pounds|yuan)\b",
    re.IGNORECASE,
)
_MEASURE = (
    r"(?:个|位|名|人|台|块|张|家|次|款|架|辆|颗|枚|项|篇|条|件|所|座|页|字|倍|亿|万|%|％|"
    r"people|employees|staff|units|chips|servers|gpus|pages|times|percent)"
)
NUMBER = re.compile(rf"{_APPROX}{_NUM}\s*{_BIG_UNIT}?\s*{_MEASURE}", re.IGNORECASE)
DURATION = re.compile(
    rf"{_APPROX}(?:{_NUM}|半)\s*(?:个多|个半|个)?\s*(?:年半|年|月|天|周|星期|小时|分钟|years?|months?|weeks?|days?|hours?)(?:半|多)?",
    re.IGNORECASE,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    r"(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*[日号])"
    r"|(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*月)?(?:初|底|末|中|上旬|中旬|下旬)?"
    r"|(?:今年|去年|明年)?\d{1,2}\s*月(?:初|底|末|中|上旬|中旬|下旬)?"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:,\s*(?:19|20)\d{{2}})?|\b(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)
# Names written with a middle dot (马克·安德森, 格雷格•布罗克曼) are people in Chinese news. Each
# side is a run of the characters Chinese uses to transliterate foreign names, which is where the
# name stops and the sentence goes on (伊隆·马斯克正式宣布: 正 is not one of them).
TRANSLITERATION_CHARS = frozenset(
    "阿埃艾爱安奥巴拜班邦贝本比彼宾波伯博布查达戴丹德迪蒂丁杜多厄恩法菲费芬佛弗福盖甘高戈格贡古哈海汉豪赫亨华"
    "霍基吉加贾杰金卡凯坎康柯科克肯库夸拉莱兰朗劳勒雷里利连林卢鲁伦罗洛马迈麦曼梅门蒙米明莫默姆穆纳内尼努诺欧"
    "帕佩彭皮普奇齐乔切琼丘萨塞赛桑瑟森沙莎舍圣施什史斯松苏索塔泰坦汤特图瓦万威韦维温沃乌西希谢辛休雅亚扬伊因"
    "尤约泽詹兹山隆登烈冯莉丝茨娜丽琳玛露黛薇珍妮芙罗"
)
_NAME_DOT = re.compile(r"[·•・]")
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


def _regex_spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), m.group(0).strip()) for m in pattern.finditer(text) if m.group(0).strip()
    ]


def dotted_names(text: str) -> list[Span]:
    """Transliterated names joined by a middle dot: 萨姆·奥尔特曼, 贾里德·伯查尔."""
    spans = []
    for m in _NAME_DOT.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < 5 and text[start - 1] in TRANSLITERATION_CHARS:
            start -= 1
        end = m.end()
        while end < len(text) and end - m.end() < 8 and text[end] in TRANSLITERATION_CHARS:
            end += 1
        if start < m.start() and end > m.end():
            spans.append(Span(start, end, text[start:end]))
    return spans


def _pos_spans(text: str, flags: tuple[str, ...]) -> list[Span]:
    _ready()
    spans: list[Span] = []
    offset = 0
    for word, flag in jieba.posseg.cut(text):
        if flag.startswith(flags) and len(word) >= 2:
            spans.append(Span(offset, offset + len(word), word))
        offset += len(word)
    return spans


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


def candidate_spans(kind: str, text: str, focus: str | None = None) -> list[Span]:
    """Spans of ``text`` (a normalised sentence) that could answer a question of ``kind``."""
    if focus:
        return _focus_spans(text, focus)
    if kind == "money":
        return _regex_spans(MONEY, text)
    if kind == "number":
        return _regex_spans(NUMBER, text)
    if kind == "duration":
        return [s for s in _regex_spans(DURATION, text) if not re.match(r"^(?:19|20)\d{2}\s*年", s.text)]
    if kind == "date":
        return _regex_spans(DATE, text)
    if kind == "person":
        spans = dotted_names(text) + _regex_spans(LATIN_NAME, text) + _pos_spans(text, ("nr",))
        return _drop_nested(spans)
    if kind == "organization":
        spans = _regex_spans(LATIN_WORD, text) + _pos_spans(text, ("nt",))
        return _drop_nested(spans)
    if kind == "place":
        return _pos_spans(text, ("ns",))
    return []


def _drop_nested(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (马克·安德森 over 安德森)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
