"""Resolving time expressions on CEC: each annotated <Time> against its report's <ReportTime>.

CEC annotates where time expressions are (``5月12日``, ``昨日20时40分``, ``９日２０时２７分``)
but not the calendar dates they mean, so the reference here is derived from each expression by
plain rules, written apart from tidings' resolver: the fields the expression writes (year, month,
day, in Arabic or Chinese numerals), the missing higher ones taken from the report date (a day or
month later than the report's falls in the month or year before), and the relative words for
whole days (今天, 昨日, 前天, 去年...). Expressions that name no calendar date (目前, 近期,
20时许) or point back at another (当日, 当晚, 次日) are not graded. Accuracy is at the precision
the expression gives: a year, a month or a day.

Peers in the same run: jionlp's time parser alone, given the same expression and report date, and
answering the report date itself. Usage: ``python bench/dates.py``.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

from tidings.clean import normalize
from tidings.enrich.dates import find_dates
from tidings.enrich.jio import jionlp

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bench" / "events" / "CEC"

_CN = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_REPORT = re.compile(r"(\d{4})\D(\d{1,2})\D(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})")
# Relative words for whole days and years, and how many days or years back they point.
_DAYS_BACK = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0, "今夜": 0, "昨天": 1, "昨日": 1,
              "昨晚": 1, "昨夜": 1, "昨晨": 1, "前天": 2, "前日": 2, "明天": -1, "明日": -1}  # fmt: skip
_YEARS_BACK = {"今年": 0, "去年": 1, "前年": 2, "明年": -1}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # 二00二
        return int("".join(str(_CN.get(c, c)) for c in text))
    if text.startswith("十"):
        text = "一" + text
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN[tens] * 10 + (_CN[ones] if ones else 0)
    return _CN[text]


_NUM = r"(\d{1,4}|[零〇一二两三四五六七八九十]{1,3})"
_YEAR = r"(\d{4}|[零〇一二三四五六七八九0-9]{4})"  # 3年, 五年 are durations, not years
_FIELDS = re.compile(rf"(?:{_YEAR}\s*年)?\s*(?:{_NUM}\s*月(?!份?[前后]))?\s*(?:{_NUM}\s*[日号])?")


# Expressions that point at another date of the text, not at the calendar: ungraded.
_POINTS_BACK = re.compile(
    r"当[日天晚时]|次日|翌日|第[一二三四五六七八九十]+[日天]|前[一两三]?[天日]|后|此前|之前"
)


def reference(expression: str, report: date) -> str | None:
    """The date an expression means, at its own precision, by the rules above; None if ungraded."""
    text = normalize(expression)
    for word, back in _DAYS_BACK.items():
        if word in text:
            return (report - timedelta(days=back)).isoformat()
    for word, back in _YEARS_BACK.items():
        if word in text and not re.search(r"月|日", text):
            return str(report.year - back)
    if _POINTS_BACK.search(text):
        return None
    match = next((m for m in _FIELDS.finditer(text) if m.group(0).strip()), None)
    if match is None:
        return None
    year, month, day = (_number(g) if g else None for g in match.groups())
    try:
        if day is not None:
            month_ = month or report.month
            year_ = year or report.year
            resolved = date(year_, month_, day)
            if month is None and resolved > report:  # 31日 in a report of 1 February
                previous = report.replace(day=1) - timedelta(days=1)
                resolved = date(previous.year, previous.month, day)
            elif year is None and resolved > report + timedelta(days=1):
                resolved = date(year_ - 1, month_, day)
            return resolved.isoformat()
        if month is not None:
            year_ = year or (report.year if month <= report.month else report.year - 1)
            return f"{year_:04d}-{month:02d}"
        if year is not None:
            return f"{year:04d}"
    except ValueError:
        return None
    return None


def tidings_resolve(expression: str, report: date) -> str | None:
    found = find_dates(normalize(expression), report.isoformat())
    return found[0].value if found else None


def jionlp_resolve(expression: str, report: date) -> str | None:
    base = time.mktime((report.year, report.month, report.day, 12, 0, 0, 0, 0, -1))
    try:
        parsed = jionlp().parse_time(normalize(expression), time_base=base)
    except Exception:  # jionlp raises on expressions it cannot read
        return None
    return str(parsed["time"][0])[:10]


def report_date_of(root: ET.Element) -> date | None:
    node = root.find("ReportTime")
    match = _REPORT.search(normalize(node.text or "")) if node is not None else None
    if match is None:
        return None
    if match.group(1):
        y, m, d = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        d, m, y = int(match.group(4)), int(match.group(5)), int(match.group(6))
    try:
        return date(y, m, d)
    except ValueError:
        return None


def main() -> None:
    items: list[tuple[str, date, str]] = []
    skipped_reports = 0
    expressions = 0
    for path in sorted(DATA.glob("*/*.xml")):
        root = ET.parse(path).getroot()
        report = report_date_of(root)
        if report is None:
            skipped_reports += 1
            continue
        for node in root.iter("Time"):
            expression = "".join(node.itertext()).strip()
            expressions += 1
            gold = reference(expression, report)
            if gold is not None:
                items.append((expression, report, gold))
    print(f"CEC: {expressions} time expressions, {len(items)} name a calendar date and are graded")
    print(f"(reports without a readable ReportTime: {skipped_reports})")
    print(f"{'resolver':<34} {'right':>6} {'share':>7} {'year':>6} {'month':>6} {'day':>6}")
    results = {}
    systems = [
        ("tidings (jionlp + rules)", tidings_resolve),
        ("jionlp parse_time alone", jionlp_resolve),
        ("the report date", lambda e, r: r.isoformat()),
    ]
    for name, resolve in systems:
        right = {4: [0, 0], 7: [0, 0], 10: [0, 0]}
        for expression, report, gold in items:
            value = resolve(expression, report)
            ok = value is not None and value[: len(gold)] == gold and len(value) >= len(gold)
            right[len(gold)][0] += ok
            right[len(gold)][1] += 1
        total = sum(r[0] for r in right.values())
        results[name] = total / len(items)
        shares = " ".join(f"{r[0] / r[1] if r[1] else 0:6.3f}" for r in right.values())
        print(f"{name:<34} {total:6d} {total / len(items):7.3f} {shares}")
    counts = {k: sum(1 for *_, g in items if len(g) == k) for k in (4, 7, 10)}
    print(f"graded by precision: year {counts[4]}, month {counts[7]}, day {counts[10]}")
    ratio = results["tidings (jionlp + rules)"] / results["jionlp parse_time alone"]
    print(f"accuracy ratio tidings / jionlp alone: {ratio:.2f}")


if __name__ == "__main__":
    main()
