"""Disputes: where sources give incompatible values for the same subject and attribute.

Facts (enrich/facts.py) about one entity and one attribute - the money Musk gave OpenAI, the day
a suit was filed - are grouped into values that can all be true together. Amounts are compatible
when their ranges meet: a value as written stands for itself give or take its rounding, 约/about
for a wider band, 不到/less than for everything below. Dates are compatible when they agree to
the precision both give; a day apart where a source gives local time is a likely time-zone
difference, not a dispute. More than one group of values, from more than one document, is a
dispute.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tidings.enrich.dates import parse_iso
from tidings.models import AnswerValue, Citation, Dispute
from tidings.store import SQLiteStore

# Counts too generic to compare (人: thirty engineers here, sixteen co-signers there) are no
# ground for a dispute; nor are dates known only to the year (2015 beside 2018-02 is more often
# two events than two accounts of one).
UNCOMPARED_ATTRIBUTES = ("count:people", "count:users")
MIN_DATE_PRECISION = len("YYYY-MM")
# A date expression that names its month (or is written out in full) does not lean on the
# publication date; 15日 or last Thursday does.
_NAMES_ITS_MONTH = re.compile(r"月|\d{4}-\d{2}|[A-Z][a-z]{2,8}\.? \d|\d [A-Z][a-z]{2,8}")
# A value as written covers what rounds to it: 1.2亿 is 115-125 million, give or take this share.
ROUNDING = 0.05
# 约, about, nearly: this share either side.
APPROXIMATE = 0.2


@dataclass
class _Value:
    rows: list[Any] = field(default_factory=list)


def _interval(row: Any) -> tuple[float, float]:
    value = float(row["amount"])
    bound = row["bound"] or "="
    if bound in ("<", "<="):
        return 0.0, value
    if bound in (">", ">="):
        return value, math.inf
    spread = APPROXIMATE if bound == "~" else ROUNDING
    return value * (1 - spread), value * (1 + spread)


def _high(row: Any) -> float | None:
    """The top of a vague range (数十亿 is 1-10 billion), read back from its normalised form."""
    text = str(row["normalized"])
    if "-" in text and not text.startswith(("-", "<", ">")):
        try:
            return float(text.split("-")[1].split()[0].replace(",", ""))
        except ValueError:
            return None
    return None


def _amounts_compatible(a: Any, b: Any) -> bool:
    if a["unit"] and b["unit"] and a["unit"] != b["unit"]:
        return True  # 4亿英镑 and 6.6亿美元 may be one amount in two currencies: not comparable here
    low_a, high_a = _interval(a)
    low_b, high_b = _interval(b)
    high_a = max(high_a, _high(a) or 0.0)
    high_b = max(high_b, _high(b) or 0.0)
    return low_a <= high_b and low_b <= high_a


def _dates_compatible(a: Any, b: Any) -> bool:
    x, y = str(a["normalized"]), str(b["normalized"])
    shared = min(len(x), len(y))
    if x[:shared] == y[:shared]:
        return True
    if len(x) == len(y) == 10 and (a["local_time"] or b["local_time"]):
        day_x, day_y = parse_iso(x), parse_iso(y)
        return day_x is not None and day_y is not None and abs((day_x - day_y).days) == 1  # time zones
    return False


def _compatible(a: Any, b: Any) -> bool:
    if a["amount"] is not None and a["date"] and b["date"]:
        shared = min(len(a["date"]), len(b["date"]), 4)
        if a["date"][:shared] != b["date"][:shared]:
            return True  # amounts of different years are different occasions, not a disagreement
    if a["amount"] is not None and b["amount"] is not None:
        return _amounts_compatible(a, b)
    if a["amount"] is None and b["amount"] is None:
        return _dates_compatible(a, b)
    return True


def _unique(citations: Iterable[Citation]) -> list[Citation]:
    """One citation per sentence (a sentence stating two facts is cited once)."""
    return list({(c.doc_id, c.start): c for c in citations}.values())


def find_disputes(
    store: SQLiteStore, entity_ids: list[int] | None = None, attributes: tuple[str, ...] | None = None
) -> list[Dispute]:
    """Disputes among the stored facts (about these entities, of attributes starting so, if given)."""
    groups: dict[tuple[int, str], list[Any]] = {}
    for row in store.fact_rows(entity_ids):
        if attributes and not str(row["attribute"]).startswith(attributes):
            continue
        if str(row["attribute"]) in UNCOMPARED_ATTRIBUTES:
            continue
        if row["amount"] is None and len(str(row["normalized"])) < MIN_DATE_PRECISION:
            continue
        if (
            row["amount"] is None
            and row["published_inferred"]
            and not _NAMES_ITS_MONTH.search(str(row["value"]))
        ):
            continue  # 15日 resolved against a guessed publication date: too unsure to dispute
        groups.setdefault((int(row["entity_id"]), str(row["attribute"])), []).append(row)
    disputes = []
    for (_, attribute), rows in groups.items():
        if len({r["doc_id"] for r in rows}) < 2:
            continue
        values: list[_Value] = []
        for row in rows:
            home = next((v for v in values if all(_compatible(row, other) for other in v.rows)), None)
            if home is None:
                values.append(_Value([row]))
            else:
                home.rows.append(row)
        if len(values) < 2 or len({r["doc_id"] for v in values for r in v.rows}) < 2:
            continue
        disputes.append(
            Dispute(
                subject=str(rows[0]["entity_name"]),
                attribute=attribute,
                values=[
                    AnswerValue(
                        value=str(v.rows[0]["value"]),
                        normalized=str(v.rows[0]["normalized"]),
                        citations=_unique(map(Citation.from_row, v.rows)),
                        claimed_by=sorted({str(r["claimed_by"]) for r in v.rows if r["claimed_by"]}),
                    )
                    for v in values
                ],
            )
        )
    return disputes
