"""Who someone is: 林嘉禾是谁? and "Who is Katarina Voss?" name the person and ask what they are.

The answer is what a sentence says the person is, right beside a mention of them that ingest
found: the title or role written before the name (公司创始人兼CEO林嘉禾, 沃斯资本的创始人卡特里娜·沃斯,
"Founder and chief executive Lin Jiahe"), the phrase set off after it ("Katarina Voss, founder of
Voss Capital,") or what 是 / "is" says of it (林嘉禾是青澜潮汐的创始人). Rules only: CMRC 2018 dev has
three such questions (邓兆棠是谁?), too few to fit or measure anything on.
"""

from __future__ import annotations

import re

from tidings.answer.question import Question
from tidings.answer.spans import Span, tagged_words
from tidings.enrich.names import name_key

_WHO_IS_ZH = re.compile(r"^(?:(.{2,20}?)(?:到底|究竟)?是谁|谁是(.{2,20}?))[?？]*$")
_WHO_IS_EN = re.compile(r"^who(?: is|'s| was) (.{3,60}?)\??$", re.IGNORECASE)

# Words a Chinese title or role is made of, walking back from the name: nouns of any kind, Latin
# words (CEO), and the words that join two roles (创始人兼CEO, 董事长和总经理) or tie a role to its
# organisation (沃斯资本的创始人).
_ROLE_TAGS = ("n", "eng", "j")
_ROLE_JOINERS = frozenset({"兼", "和", "及", "与", "、", "的", "·", "(", ")", "（", "）", " "})
# Words jieba tags as verbs that begin a role (创始合伙人, 联合创始人, 执行董事).
_ROLE_PREFIXES = frozenset({"创始", "联合", "执行", "常务", "现任", "前任"})
# The longest description, in characters: more is a clause, not a title.
MAX_DESCRIPTION_CHARS = 30

# English words a title is made of, before a name ("Founder and chief executive Lin Jiahe").
_ENGLISH_ROLE_WORDS = frozenset(
    """
    founder co-founder cofounder chief executive officer president vice chairman chairwoman chair
    director managing general partner head minister spokesman spokeswoman spokesperson professor
    engineer analyst senator governor mayor secretary deputy senior former ceo cto cfo coo and of
    the company's firm's lead principal investor
    """.split()
)
_ENGLISH_AFTER = re.compile(r"\s*,\s*((?:the|a|an|[a-z-]+) [^,.;:]{2,80}?)\s*[,.;:]")
_ENGLISH_IS = re.compile(r"\s+(?:is|was)\s+((?:the |a |an )[^,.;:]{2,80}?)\s*[,.;:]")
_GLOSS = r"(?:\s*[（(][^（）()]{0,40}[）)])?"
_CHINESE_IS = re.compile(rf"{_GLOSS}是([^，,。；;：:]{{2,30}})")
# 拉姆·巴兰·亚达夫（尼泊尔语：...），尼泊尔建立共和政体后首任总统，...: a role set off after the name.
_CHINESE_AFTER = re.compile(rf"{_GLOSS}[，,]([^，,。；;：:]{{2,30}})[，,。；;]")
# A Chinese description ends with a word for a role or a kind of person (创始人, 董事长, 科学家, 总统,
# CEO): 元朗公立中学校友会邓兆棠中学 names a school after him, and 中学校友会 is not what he is.
_ROLE_END = re.compile(
    r"(?:[人者家长官员师手星民生士将帅王帝后妃]|总裁|主席|总统|董事|经理|主任|教授|代表|首相|部长|总监"
    r"|顾问|书记|领袖|英雄|冠军|[A-Z]{2,4})$"
)


def described_entity(q: Question, entities: dict[int, str]) -> int | None:
    """The entity ``q`` asks who is (林嘉禾是谁?), when it is one the question names; else None."""
    if q.kind != "person":
        return None
    match = (_WHO_IS_ZH if q.language == "zh" else _WHO_IS_EN).match(q.normalized.strip())
    if match is None:
        return None
    subject = name_key(match.group(1) or match.group(2))  # as question_entities keys them
    found = [entity for entity, key in entities.items() if key == subject]
    return found[0] if len(found) == 1 else None


def description(text: str, language: str, start: int, end: int) -> Span | None:
    """What ``text`` (a normalised sentence) says the one mentioned at ``start:end`` is."""
    if language == "zh":
        return _chinese_description(text, start, end)
    if language == "en":
        return _english_description(text, start, end)
    return None


def _chinese_description(text: str, start: int, end: int) -> Span | None:
    for pattern in (_CHINESE_IS, _CHINESE_AFTER):
        match = pattern.match(text, end)
        if match and _ROLE_END.search(match.group(1)):
            return Span(match.start(1), match.end(1), match.group(1))
    clause_start = max((text.rfind(mark, 0, start) for mark in "，,。；;：:"), default=-1) + 1
    words = tagged_words(text[clause_start:start])
    kept: list[tuple[str, str]] = []
    for word, tag in reversed(words):
        if tag.startswith(_ROLE_TAGS) or (kept and (word in _ROLE_JOINERS or word in _ROLE_PREFIXES)):
            kept.append((word, tag))
        else:
            break
    while kept and kept[-1][0] in _ROLE_JOINERS:  # no description starts with 的, 兼 or a bracket
        kept.pop()
    if not kept or not kept[0][1].startswith(_ROLE_TAGS):  # the word next to the name is a role
        return None
    length = sum(len(word) for word, _ in kept)
    said = text[start - length : start]
    if length < 2 or length > MAX_DESCRIPTION_CHARS or not _ROLE_END.search(said):
        return None
    return Span(start - length, start, said)


def _english_description(text: str, start: int, end: int) -> Span | None:
    for pattern in (_ENGLISH_AFTER, _ENGLISH_IS):
        match = pattern.match(text, end)
        first = match.group(1).split()[0].lower() if match else ""
        if match and (first in ("the", "a", "an") or first in _ENGLISH_ROLE_WORDS):
            return Span(match.start(1), match.end(1), match.group(1))
    clause_start = max(text.rfind(",", 0, start), -1) + 1
    before = text[clause_start:start]
    words = before.split()
    kept = 0
    for word in reversed(words):
        if word.lower() not in _ENGLISH_ROLE_WORDS:
            break
        kept += 1
    role = words[len(words) - kept :]
    while role and role[0].lower() in ("and", "of", "the"):
        role = role[1:]
    if not role or role[-1].lower() in ("and", "of", "the"):
        return None
    phrase = " ".join(role)
    at = text.rfind(phrase, clause_start, start)
    return Span(at, at + len(phrase), phrase) if at >= 0 else None
