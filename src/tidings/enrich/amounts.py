"""Amounts: money and counts, in Chinese and English, normalised to a value, a unit and a bound.

``不到4500万美元`` -> ``< 45,000,000 USD``; ``约1亿元`` -> ``~ 100,000,000 CNY``; ``$30 billion`` ->
``30,000,000,000 USD``; ``40台`` -> ``40 台``; ``10,000 GPUs`` -> ``10,000 GPU``. jionlp's money
parser gives the value of a Chinese money phrase (Chinese numerals, 万/亿, vague forms such as
数十亿 as a range); finding the phrases and their bounds is done here, because its extractor misses
phrases next to parentheses and bare magnitudes (``1亿``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.enrich.jio import parse_money

# Words before an amount that bound it. Longest first, so 不超过 wins over 超过.
_BOUNDS = {
    "<": "不到 不足 少于 低于 未满|less than|under|fewer than|below",
    ">": "超过 超 逾 多于 高于|more than|over|above|in excess of",
    ">=": "至少 不少于 不低于 起码|at least",
    "<=": "至多 最多 不超过 不高于|up to|at most|as much as|no more than",
    "~": "约 大约 近 将近 接近 约合 大概|about|around|nearly|roughly|approximately|almost|some",
}
_BOUND_WORDS: list[tuple[str, str]] = sorted(
    [
        (word, bound)
        for bound, words in _BOUNDS.items()
        for group in words.split("|")
        for word in (group.split() if not group.isascii() else [group])
    ],
    key=lambda pair: -len(pair[0]),
)
_BOUND_AFTER = {"左右": "~", "上下": "~", "多": ">", "余": ">", "以上": ">=", "以下": "<="}

CURRENCIES = {
    "美元": "USD", "美金": "USD", "元人民币": "CNY", "人民币": "CNY", "元": "CNY",
    "英镑": "GBP", "欧元": "EUR", "日元": "JPY", "港元": "HKD", "港币": "HKD", "韩元": "KRW",
    "卢布": "RUB", "新台币": "TWD", "台币": "TWD",
    "$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "¥": "CNY", "RMB": "CNY", "CNY": "CNY", "yuan": "CNY", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "pounds": "GBP", "yen": "JPY",
}  # fmt: skip

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?|[{_CN_DIGITS}]+)"
_MAGNITUDE = r"(?:万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千)"
_CN_CURRENCY = "|".join(sorted((c for c in CURRENCIES if not c.isascii()), key=len, reverse=True))
_CN_BOUND = "|".join(w for w, _ in _BOUND_WORDS if not w.isascii())
_EN_BOUND = "|".join(w for w, _ in _BOUND_WORDS if w.isascii())

# 不到4500万美元, 约1000多万元, 数十亿美元, 人民币5000万元, 1亿 (a bare magnitude, no currency)
_ZH_MONEY = re.compile(
    rf"(?:(?P<bound>{_CN_BOUND})\s?)?(?P<pre>人民币|美金)?"
    rf"(?P<num>(?:数|几)?{_NUMBER}(?:多|余)?(?:\s?{_MAGNITUDE})?(?:多|余)?)"
    rf"(?:\s?(?P<cur>{_CN_CURRENCY}))?(?P<after>左右|上下|以上|以下)?"
)
_CN_NUMBER_PHRASE = re.compile(rf"(?:数|几)?[{_CN_DIGITS}]+(?:多|余)?{_MAGNITUDE}?(?:多|余)?")
_EN_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
             "b": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12}  # fmt: skip
# $30 billion, US$4.5m, 30B, 1.2 billion dollars, EUR 400 million
_EN_MONEY = re.compile(
    rf"(?i:(?P<bound>{_EN_BOUND})\s+)?"
    r"(?:(?P<pre>US\$|\$|€|£|¥|USD|EUR|GBP|RMB|CNY)\s?)?"
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<scale>(?i:thousand|million|billion|trillion|mn|bn|tn)\b|[kKmMbBtT](?![A-Za-z]))?"
    r"(?:\s(?P<cur>(?i:dollars?|euros|pounds|yuan|yen)\b))?"
)
# A count: a number, a measure word and (optionally) what is counted: 40台, 300名员工, 1万块GPU
_ZH_MEASURE = "名|个|位|台|块|颗|家|辆|架|枚|张|人|款|座|套|次|篇|封|条|所|艘|部"
_MEASURE_WORDS = frozenset(_ZH_MEASURE.split("|"))
_ZH_COUNT = re.compile(
    rf"(?:(?P<bound>{_CN_BOUND})\s?)?(?P<num>{_NUMBER}(?:多|余)?(?:万|亿)?(?:多|余)?)\s?"
    rf"(?P<measure>{_ZH_MEASURE})(?P<noun>GPU|[A-Za-z]{{2,8}}|员工|芯片|服务器|工人|用户|机器人|显卡)?"
)
_EN_COUNT_NOUNS = (
    "employees|people|workers|staff|users|customers|GPUs|chips|servers|robots|units|engineers|researchers"
    "|companies|startups|investors|cars|vehicles|stores|patients|deaths|injuries|victims|dead|injured"
)
_EN_COUNT = re.compile(
    rf"(?i:(?P<bound>{_EN_BOUND})\s+)?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<scale>thousand|million|billion)?\s"
    rf"(?:[a-zA-Z-]+\s)?(?P<noun>{_EN_COUNT_NOUNS})\b"
)
_PLURALS = {"people": "people", "staff": "staff", "dead": "deaths", "injured": "injuries"}


@dataclass(frozen=True)
class Amount:
    """An amount in a text: ``text[start:end]`` of the string it was found in.

    ``kind`` is ``money`` (``unit`` is an ISO currency code), ``count`` (``unit`` is what is counted
    or the measure word) or ``number`` (a bare 1亿 or 30B). ``bound`` is ``=``, ``~``, ``<``, ``>``,
    ``<=`` or ``>=``; a vague range (数十亿, 1000多万) has ``high`` set.
    """

    text: str
    start: int
    end: int
    kind: str
    value: float
    unit: str
    bound: str = "="
    high: float | None = None

    @property
    def normalized(self) -> str:
        prefix = "" if self.bound == "=" else f"{self.bound} "
        number = f"{_format(self.value)}-{_format(self.high)}" if self.high else _format(self.value)
        return f"{prefix}{number} {self.unit}".strip()


def _format(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.2f}".rstrip("0")


def _parse_chinese(phrase: str) -> tuple[float, float | None] | None:
    """Value (and high end of a vague range) of a Chinese number phrase, via jionlp's money parser."""
    try:
        parsed = parse_money(phrase if re.search(_CN_CURRENCY, phrase) else phrase + "元")
    except Exception:  # jionlp raises plain exceptions on phrases it cannot read
        return None
    num = parsed.get("num")
    if isinstance(num, list):
        return float(num[0]), float(num[1])
    return (float(num), None) if num is not None else None


def _bound(text: str, before: str | None, after: str | None, num: str) -> str:
    if before:
        return next(b for w, b in _BOUND_WORDS if w == before.lower())
    if after:
        return _BOUND_AFTER[after]
    if "多" in num or "余" in num:
        return ">"
    return "="


def _has_magnitude(num: str) -> bool:
    return bool(re.search(_MAGNITUDE, num)) or num.startswith(("数", "几"))


def find_amounts(text: str) -> list[Amount]:
    """Every money amount and count in ``text`` (normalised text: Simplified, NFKC), in order."""
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def add(amount: Amount) -> None:
        if any(s < amount.end and amount.start < e for s, e in taken):
            return
        taken.append((amount.start, amount.end))
        found.append(amount)

    for m in _EN_MONEY.finditer(text):
        pre, scale, cur = m["pre"], m["scale"], m["cur"]
        chinese_currency = re.match(rf"\s?({_CN_CURRENCY})", text[m.end() :]) if scale else None
        if chinese_currency:  # 30B 美元
            cur_unit = CURRENCIES[chinese_currency.group(1)]
            value = float(m["num"].replace(",", "")) * _EN_SCALE[scale.lower()]
            end = m.end() + chinese_currency.end()
            add(Amount(text[m.start() : end], m.start(), end, "money", value, cur_unit, "="))
            continue
        if not (pre or cur or (scale and len(scale) == 1 and scale.isupper())):
            continue  # a plain number, or 30m (metres): not money
        value = float(m["num"].replace(",", "")) * _EN_SCALE.get((scale or "").lower(), 1.0)
        if pre or cur:
            unit = CURRENCIES.get((pre or "").strip(), CURRENCIES.get((cur or "").lower(), "USD"))
            add(Amount(m[0], m.start(), m.end(), "money", value, unit, _bound(m[0], m["bound"], None, "")))
        else:  # 30B: a magnitude written the English way, without a currency
            add(Amount(m[0], m.start(), m.end(), "number", value, "", _bound(m[0], m["bound"], None, "")))
    for m in _ZH_MONEY.finditer(text):
        num, cur, pre = m["num"].replace(" ", ""), m["cur"], m["pre"]
        if not (cur or pre) and (not _has_magnitude(num) or text[m.end() : m.end() + 1] in _MEASURE_WORDS):
            continue  # a plain number without 万/亿 or a currency is not money; 1万块 is a count
        if not re.search(r"\d", num) and not re.fullmatch(
            rf"(?:数|几)?[{_CN_DIGITS}]+(?:多|余)?{_MAGNITUDE}?(?:多|余)?", num
        ):
            continue
        if re.fullmatch(rf"[{_CN_DIGITS}]", num):
            continue  # 一元 in running text (一元化) is more often a word than money
        parsed = _parse_chinese(num)
        if parsed is None:
            continue
        value, high = parsed
        start = m.start()
        bound = "~" if high else _bound(m[0], m["bound"], m["after"], num)
        if cur or pre:
            add(Amount(m[0], start, m.end(), "money", value, CURRENCIES[cur or pre], bound, high))
        else:
            add(Amount(m[0], start, m.end(), "number", value, "", bound, high))
    for m in _ZH_COUNT.finditer(text):
        num = m["num"]
        if not re.search(r"\d", num) and len(num) < 2 and num not in "两三四五六七八九十":
            continue  # 一个, 一名: an article, not a count
        parsed = _parse_chinese(num)
        if parsed is None:
            continue
        unit = m["noun"] or m["measure"]
        add(Amount(m[0], m.start(), m.end(), "count", parsed[0], unit, _bound(m[0], m["bound"], None, num)))
    for m in _EN_COUNT.finditer(text):
        value = float(m["num"].replace(",", "")) * _EN_SCALE.get((m["scale"] or "").lower(), 1.0)
        noun = m["noun"].lower()
        unit = _PLURALS.get(noun, "GPU" if noun == "gpus" else noun.removesuffix("s"))
        add(Amount(m[0], m.start(), m.end(), "count", value, unit, _bound(m[0], m["bound"], None, "")))
    return sorted(found, key=lambda a: a.start)


# -- large numbers across languages ----------------------------------------------------------------
# English counts in thousands, millions and billions, Chinese in 万 and 亿: 66 million is 6600万,
# 1.2亿 is 120 million. A question in one language finds the number as the other writes it.
_EN_LARGE = re.compile(
    r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion)\b", re.IGNORECASE
)
_ZH_LARGE = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(万亿|亿|万)")
_ZH_SCALE = {"万": 1e4, "亿": 1e8, "万亿": 1e12}
# A rendering needing more decimals than this is not how anyone writes the number (0.066亿).
_MAX_DECIMALS = 2


def _plain(value: float) -> str | None:
    """``value`` as digits with at most _MAX_DECIMALS decimals and no grouping, or None: 6600, 1.5."""
    if value < 1:
        return None
    text = f"{value:.{_MAX_DECIMALS}f}".rstrip("0").rstrip(".")
    return text if abs(float(text) - value) < 1e-9 * max(value, 1) else None


# Decades and centuries: the 1970s are 20世纪70年代 (or 70年代), the 20th century 20世纪.
_EN_DECADE = re.compile(r"(?<!\d)(\d{2})(\d0)s\b")
_EN_CENTURY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th) century", re.IGNORECASE)
_ZH_DECADE = re.compile(r"(?<!\d)(\d{1,2})世纪(\d0)年代|(?<!\d)(\d{2})(\d0)年代")
_ZH_CENTURY = re.compile(r"(?<!\d)(\d{1,2})世纪")


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def numbers_across(text: str) -> dict[str, list[str]]:
    """Each large number, decade or century of ``text`` (its digits as written) -> how the other
    language writes it: "66 million" -> {"66": ["6600"]} (6600万); "1.2亿" -> {"1.2": ["120 million"]};
    "1970s" -> {"1970s": ["70年代"]}; "20世纪70年代" -> {"20": ["20th century"], "70": ["1970s"]}."""
    out: dict[str, list[str]] = {}
    for m in _EN_DECADE.finditer(text):
        out.setdefault(m.group(0), []).append(f"{m.group(2)}年代")
    for m in _EN_CENTURY.finditer(text):
        out.setdefault(_ordinal(int(m.group(1))), []).append(f"{m.group(1)}世纪")
    for m in _ZH_DECADE.finditer(text):
        if m.group(1):
            year = (int(m.group(1)) - 1) * 100 + int(m.group(2))
            out.setdefault(m.group(2), []).append(f"{year}s")
        else:
            out.setdefault(m.group(4), []).append(f"{m.group(3)}{m.group(4)}s")
    for m in _ZH_CENTURY.finditer(text):
        out.setdefault(m.group(1), []).append(f"{_ordinal(int(m.group(1)))} century")
    for m in _EN_LARGE.finditer(text):
        value = float(m.group(1).replace(",", "")) * _EN_SCALE[m.group(2).lower()]
        forms = [f for scale in (1e4, 1e8, 1e12) if (f := _plain(value / scale)) and float(f) < 10000]
        if forms:
            out.setdefault(m.group(1), []).extend(forms)
    for m in _ZH_LARGE.finditer(text):
        value = float(m.group(1).replace(",", "")) * _ZH_SCALE[m.group(2)]
        for name, scale in (("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)):
            if (f := _plain(value / scale)) and float(f) < 1000:
                out.setdefault(m.group(1), []).append(f"{f} {name}")
    return out
