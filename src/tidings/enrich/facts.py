"""Facts: (subject, attribute, value, date, sentence) for what news reports most.

Amounts of money (funding raised, money contributed, valuations, acquisition prices, revenue,
spending), counts (employees, chips, servers, people) and dated events (founding, lawsuits filed,
people joining and leaving), each with the sentence that states it and, where the sentence says,
who claims it (OpenAI称, 马斯克表示, according to Reuters). Read by trigger words within a clause:
plain rules, so every fact can be traced to the words that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.enrich.amounts import Amount, find_amounts
from tidings.enrich.dates import DateMention, find_dates
from tidings.enrich.entities import Mention

# Attribute -> trigger words. Read in order: the first attribute with a trigger in the clause wins,
# so the specific ones (valuation, acquisition) come before the general (funding).
MONEY_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    ("valuation", re.compile(r"估值|市值|valuation|valued at|values the company|worth", re.I)),
    ("acquisition", re.compile(r"收购|并购|买下|买到|acquir|bought|buy|takeover", re.I)),
    ("revenue", re.compile(r"营收|收入|销售额|revenue|sales", re.I)),
    ("spending", re.compile(r"采购|花费|支出|投入|spent|spend|spending", re.I)),
    ("contribution", re.compile(
        r"捐赠|捐款|捐助|捐了|资助|注资|出资|投资|到位|到账|实到|提供了?[^，,。]{0,6}资金|那里筹集|处筹集|"
        r"donat|gave|given|invest|contribut", re.I)),
    ("funding", re.compile(
        r"融资|筹集|筹资|募资|募集|[A-F]轮|天使轮|raised|raises|raise|raising|funding|round|series [a-f]\b",
        re.I)),
]  # fmt: skip
DATE_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    ("lawsuit", re.compile(r"起诉|诉讼|提起诉讼|告上法庭|sued|sues|lawsuit|filed (?:a )?suit", re.I)),
    ("founded", re.compile(r"成立|创立|创办|创建|注册|founded|established|set up|incorporated", re.I)),
    (
        "left",
        re.compile(
            r"离开|离职|辞职|辞去|退出|卸任|被解雇|resigned|left|quit|departed|stepped down|fired", re.I
        ),
    ),
    ("joined", re.compile(r"加入|加盟|入职|出任|joined|hired|appointed", re.I)),
]
COUNT_UNITS = {
    "员工": "employees", "employee": "employees", "staff": "employees", "工人": "employees",
    "people": "people", "人": "people", "名": "people", "位": "people",
    "GPU": "chips", "芯片": "chips", "chip": "chips", "显卡": "chips", "块": "chips",
    "服务器": "servers", "server": "servers", "台": "units", "robot": "units", "机器人": "units",
    "用户": "users", "user": "users", "deaths": "deaths", "injuries": "injuries",
}  # fmt: skip
_CLAUSE = re.compile(r"[^，,；;。!?！？:：]+")
# 向OpenAI投资 / 给 / 对: the entity after these is the receiver, not the subject.
_RECEIVER_BEFORE = re.compile(r"(?:向|给|对|为|帮|替|to|from|into|in)\s*$", re.I)
_SOURCE = re.compile(r"从\s*$")  # 从马斯克那里筹集: the entity gave the money
_CLAIM_VERB = re.compile(
    r"声称|表示|指出|透露|宣布|承认|认为|写道|披露|称|说|\b(?:said|says|claimed|claims|told|announced|reported)\b"
)
# A speaker is named at most this many characters before the claim verb (马斯克在本人推特上称).
_SPEAKER_GAP = 10
# Sources that are not entities: 信源, 知情人士, 消息人士, 媒体, sources, people familiar.
_SOURCE_NOUN = re.compile(r"信源|知情人士|消息人士|业内人士|媒体|官方|公司|sources?|people familiar")
_ACCORDING = re.compile(r"(?:according to|据|援引)\s*$", re.I)


@dataclass(frozen=True)
class Fact:
    subject: str
    attribute: str
    value: str
    normalized: str
    sentence: int
    amount: float | None = None
    unit: str | None = None
    bound: str | None = None
    date: str | None = None
    local_time: bool = False
    claimed_by: str | None = None


def _clauses(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]


def _subject(text: str, mentions: list[Mention], start: int, end: int, before: int) -> Mention | None:
    """The first entity of the clause that is not a receiver (向X, 给X), before position ``before``;
    else the first entity of the sentence."""
    inside = [m for m in mentions if start <= m.start < before and m.type in ("PER", "ORG")]
    for m in inside:
        if not _RECEIVER_BEFORE.search(text[start : m.start]):
            return m
    # Else the sentence's first: news puts the subject first ("BlueTide Robotics, the Haicheng-based
    # maker of ..., said it had raised"; 马斯克称到位了1亿美元,但有信源说实到不足5千万).
    earlier = [m for m in mentions if m.end <= start and m.type in ("PER", "ORG")]
    return earlier[0] if earlier else None


def _claimer(text: str, mentions: list[Mention], before: int) -> str | None:
    """Who the sentence says claims what stands at ``before``: the speaker of the nearest claim
    verb before it (马斯克称到位了1亿美元, 但有信源说实到不足5千万: 信源 claims the second)."""
    verbs = [m for m in _CLAIM_VERB.finditer(text) if m.end() <= before]
    for verb in reversed(verbs):
        speaker = [m for m in mentions if m.end <= verb.start() and verb.start() - m.end <= _SPEAKER_GAP]
        if speaker:
            return speaker[-1].text
        source = _SOURCE_NOUN.search(text, max(0, verb.start() - _SPEAKER_GAP), verb.start())
        if source:
            return source.group(0)
    for m in mentions:  # according to X, 据X: a source named before the claim
        if m.start < before and _ACCORDING.search(text[: m.start]):
            return m.text
    return None


def _date_in(dates: list[DateMention], start: int, end: int) -> DateMention | None:
    inside = [d for d in dates if start <= d.start < end]
    return inside[0] if inside else None


def sentence_facts(
    text: str,
    position: int,
    mentions: list[Mention],
    published: str | None,
    language: str,
    dates: list[DateMention] | None = None,
) -> list[Fact]:
    """The facts one sentence (its normalised text) states, given the entities mentioned in it
    (and its dates, when the caller has them already)."""
    amounts = find_amounts(text)
    dates = find_dates(text, published, language) if dates is None else dates
    if not amounts and not dates:
        return []
    sentence_date = dates[0] if dates else None
    facts: list[Fact] = []
    for start, end in _clauses(text):
        clause = text[start:end]
        for amount in (a for a in amounts if start <= a.start < end):
            fact = _amount_fact(text, clause, start, end, amount, mentions)
            if fact is None:
                continue
            when = _date_in(dates, start, end) or sentence_date
            claimed_by = _claimer(text, mentions, amount.start)
            facts.append(
                Fact(
                    fact[0].text,
                    fact[1],
                    amount.text,
                    amount.normalized,
                    position,
                    amount.value,
                    amount.unit,
                    amount.bound,
                    when.value if when else None,
                    bool(when and when.local_time),
                    claimed_by,
                )
            )
        for attribute, trigger in DATE_TRIGGERS:
            hit = trigger.search(clause)
            # The date in the clause, else the sentence's only one (当地时间2月29日晚间,马斯克起诉OpenAI).
            when = _date_in(dates, start, end) or (dates[0] if len(dates) == 1 else None)
            if hit is None or when is None:
                continue
            if attribute == "founded":  # 马斯克成立了X.AI: what was founded is the subject
                founded = [m for m in mentions if start + hit.end() <= m.start < end and m.type == "ORG"]
                before = _subject(text, mentions, start, end, start + hit.start())
                subject = founded[0] if founded else (before if before and before.type == "ORG" else None)
            else:
                subject = _subject(text, mentions, start, end, start + hit.start())
            if subject is None:
                continue
            facts.append(
                Fact(
                    subject.text,
                    attribute,
                    when.text,
                    when.value,
                    position,
                    date=when.value,
                    local_time=when.local_time,
                    claimed_by=_claimer(text, mentions, start + hit.start()),
                )
            )
            break
    return facts


def _amount_fact(
    text: str, clause: str, start: int, end: int, amount: Amount, mentions: list[Mention]
) -> tuple[Mention, str] | None:
    if amount.kind == "count":  # what is counted decides the attribute; a bare number needs a trigger
        attribute = COUNT_UNITS.get(amount.unit) or COUNT_UNITS.get(amount.unit.rstrip("s"))
        if attribute is None:
            return None
        subject = _subject(text, mentions, start, end, amount.start)
        return (subject, f"count:{attribute}") if subject else None
    # The trigger nearest before the amount (投资40亿美元), else the nearest after (1亿美元融资).
    offset = amount.start - start
    hits = [(attribute, m) for attribute, trigger in MONEY_TRIGGERS for m in trigger.finditer(clause)]
    if not hits:
        return None
    before = [(offset - m.end(), attribute, m) for attribute, m in hits if m.end() <= offset]
    after = [(m.start() - offset, attribute, m) for attribute, m in hits if m.end() > offset]
    _, attribute, hit = min(before) if before else min(after)
    source = next(
        (
            m
            for m in mentions
            if start <= m.start < start + hit.start() and _SOURCE.search(text[start : m.start])
        ),
        None,
    )
    if source is not None:  # 从马斯克那里筹集的资金: money 马斯克 gave
        return source, "contribution"
    subject = _subject(text, mentions, start, end, start + hit.start())
    return (subject, attribute) if subject else None
