"""Dates: time expressions resolved to calendar dates against the document's publication date.

Chinese expressions (当地时间2月29日晚间, 今年2月底, 上周五, 昨日) are found and resolved by jionlp's
time extractor; English ones (March 5, 2024, 5 March, last Thursday, yesterday) by the patterns
below. Each resolved date keeps the precision the text gives: ``2024`` (year), ``2024-02``
(month) or ``2024-02-29`` (day). Expressions that name no day, month or year (目前, 近期, 20时许)
are not dates.

When a page gives no publication date, :func:`infer_published` infers one from the text and the
document records that it was inferred.
"""

from __future__ import annotations

import calendar
import logging
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta

from tidings.enrich.jio import extract_time

# A month-day without a year that falls more than this many days after the publication date is
# taken to be in the year before (a report of 2 January about "12月31日"). News reports the past;
# 60 days leaves room for announced plans ("the launch on 10 March" in a February article).
FUTURE_TOLERANCE_DAYS = 60

# Local time words: a date given in the place's local time can be a day off a date given in
# Beijing time; the stories room marks such pairs as a likely time-zone difference.
# 5年前, 3个月前: so long ago (not "before" a named date, as 6月前 is).
_AGO = re.compile(r"\d+\s*(?:个月|年|天|日|周|小时|星期)前$")
_GLUED_BEFORE = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a character a product name ends in
_LOCAL_TIME = re.compile(r"当地时间|local time", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A resolved time expression: ``text[start:end]`` of the string it was found in."""

    text: str
    start: int
    end: int
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    local_time: bool = False

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


def parse_iso(value: str | None) -> date | None:
    """The first day a ``YYYY[-MM[-DD]]`` string covers, or None."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")[:3]]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _precision_of(expression: str) -> int:
    """How many ``YYYY-MM-DD`` parts an expression names: 3 for a day, 2 a month, 1 a year, 0 none."""
    if re.search(
        r"[\d零〇一二两三四五六七八九十]+\s*[日号]|[昨今明前后当次翌本同]天|[昨今明前当次翌本同]日|周[一二三四五六日天]|星期|礼拜|[昨今明]晚|当晚|当天",
        expression,
    ):
        return 3
    if re.search(r"[\d零〇一二两三四五六七八九十]+\s*月|[上下本这]个?月|月[初中底末]", expression):
        return 2
    if re.search(r"[\d零〇一二三四五六七八九]{2,4}\s*年|[去今明前]年|年[初中底末]", expression):
        return 1
    return 0


def _shift_future(day: date, base: date, expression: str) -> date:
    """A yearless date far after publication is last year's (see FUTURE_TOLERANCE_DAYS); a day
    without a month after publication is last month's (31日 in a report of 1 August)."""
    if re.search(r"\d{4}\s*年|明年|今年|本年|本月|[下明]", expression):
        return day
    if not re.search(r"月|年", expression) and (day - base).days > 1:
        previous = base.replace(day=1) - timedelta(days=1)
        try:
            return previous.replace(day=day.day)
        except ValueError:  # 31日 when last month had 30 days: leave it
            return day
    if (day - base).days > FUTURE_TOLERANCE_DAYS:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year - 1, day=28)
    return day


def _chinese_dates(text: str, base: date) -> list[DateMention]:
    base_seconds = time.mktime((base.year, base.month, base.day, 12, 0, 0, 0, 0, -1))
    logging.disable(logging.ERROR)  # jionlp logs a traceback for each phrase it cannot read
    try:
        found = extract_time(text, base_seconds)
    except Exception:  # and raises plain exceptions on some text; no date is then fine
        return []
    finally:
        logging.disable(logging.NOTSET)
    mentions = []
    for item in found:
        expression = str(item["text"])
        if expression.endswith("起") and text[item["offset"][1] : item["offset"][1] + 1] == "诉":
            expression = expression[:-1]  # 2月29日晚间起诉: 起 belongs to 起诉 (to sue)
        s = int(item["offset"][0])
        if re.fullmatch(r"\d{1,2}号", expression) and _GLUED_BEFORE.match(text[s - 1 : s]):
            continue  # 潮汐3号, 神舟5号: a product's number, not a day of the month
        parts = _precision_of(expression)
        if parts == 0:
            continue
        # 6月前 (by June): jionlp gives the span from the publication date; the date named is its end.
        bound = 1 if expression.endswith("前") and not _AGO.search(expression) else 0
        try:
            start_day = date.fromisoformat(str(item["detail"]["time"][bound])[:10])
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        start_day = _shift_future(start_day, base, expression)
        value = start_day.isoformat()[: {1: 4, 2: 7, 3: 10}[parts]]
        prefix = text[max(0, s - 4) : s]
        mentions.append(
            DateMention(
                expression, s, s + len(expression), value, bool(_LOCAL_TIME.search(prefix + expression))
            )
        )
    return mentions


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_EN_DATE = re.compile(
    rf"\b(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<m3>{_MONTH})\s+(?P<y3>\d{{4}})"
    rf"|(?:in|since|by|of)\s+(?P<y4>(?:19|20)\d{{2}})"
    rf"|(?P<rel>yesterday|today|last year|this year|last month|this month)"
    rf"|(?:(?P<last>last)\s+|on\s+)(?P<wd>{'|'.join(_WEEKDAYS)}))\b",
    re.IGNORECASE,
)


def _english_dates(text: str, base: date) -> list[DateMention]:
    mentions = []
    for m in _EN_DATE.finditer(text):
        try:
            if m["iso"]:
                value = date.fromisoformat(m["iso"]).isoformat()
            elif m["m1"] or m["m2"]:
                month = _MONTHS[(m["m1"] or m["m2"]).lower()]
                day_of_month = int(m["d1"] or m["d2"])
                year = m["y1"] or m["y2"]
                resolved = date(int(year) if year else base.year, month, day_of_month)
                value = (resolved if year else _shift_future(resolved, base, "")).isoformat()
            elif m["m3"]:
                value = f"{int(m['y3']):04d}-{_MONTHS[m['m3'].lower()]:02d}"
            elif m["y4"]:
                value = m["y4"]
            elif m["rel"]:
                rel = m["rel"].lower()
                value = {
                    "yesterday": (base - timedelta(days=1)).isoformat(),
                    "today": base.isoformat(),
                    "last year": str(base.year - 1),
                    "this year": str(base.year),
                    "last month": (base.replace(day=1) - timedelta(days=1)).isoformat()[:7],
                    "this month": base.isoformat()[:7],
                }[rel]
            else:  # (last|on) Thursday: the most recent such day before publication
                back = (base.weekday() - _WEEKDAYS[m["wd"].lower()]) % 7 or 7
                value = (base - timedelta(days=back)).isoformat()
        except ValueError:
            continue
        around = text[max(0, m.start() - 14) : m.end() + 12]  # local time, before or after it
        mentions.append(DateMention(m[0], m.start(), m.end(), value, bool(_LOCAL_TIME.search(around))))
    return mentions


def find_dates(text: str, published: str | None, language: str = "zh") -> list[DateMention]:
    """Every date in ``text`` (normalised: NFKC, Simplified), resolved against ``published``.

    Without a publication date, relative expressions are resolved against today, which is wrong
    for old articles; :func:`infer_published` gives a better base when the page has no date.
    """
    base = parse_iso(published) or date.today()
    found = _english_dates(text, base)
    if language != "en" and re.search(r"[\u4e00-\u9fff]", text):
        taken = [(d.start, d.end) for d in found]
        found += [
            d for d in _chinese_dates(text, base) if not any(s < d.end and d.start < e for s, e in taken)
        ]
    return sorted(found, key=lambda d: d.start)


_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_MONTH_DAY = re.compile(r"(?<![\d年/.-])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


def infer_published(text: str) -> str | None:
    """A publication date read off an undated article: its latest date, or a yearless lead date.

    News is written after what it reports, so the publication date is no earlier than the latest
    date in the text. A month-day without a year in the first lines (``3月6日,特斯拉...``, the
    usual Chinese dateline) is taken in the earliest year, from the latest year the text names,
    in which every yearless date of the text exists (2月29日 needs a leap year) and the dateline
    is not before the latest full date.
    """
    full = []
    for y, m, d in _FULL_DATE.findall(text):
        try:
            full.append(date(int(y), int(m), int(d)))
        except ValueError:
            continue
    years = [int(y) for y in _YEAR.findall(text)] + [d.year for d in full]
    lead = _MONTH_DAY.search(text[:200])
    if lead is None or not years:
        return max(full).isoformat() if full else None
    yearless = [(int(m), int(d)) for m, d in _MONTH_DAY.findall(text)]
    latest = max(full) if full else date(max(years), 1, 1)
    for year in range(max(years), max(years) + 5):
        try:
            dateline = date(year, int(lead.group(1)), int(lead.group(2)))
            for m, d in yearless:
                date(year, m, d)
        except ValueError:
            continue
        if dateline >= latest:
            return dateline.isoformat()
    return max(full).isoformat() if full else None
