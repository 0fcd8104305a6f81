"""The shapes names take in Chinese and English text, and how alike two transliterations sound.

Shared by entity recognition (enrich), alias linking and answer spans, so that 萨姆·奥尔特曼 is
one name wherever it is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from tidings.enrich.tokens import Word, fold_accents

# Names written with a middle dot (马克·安德森, 格雷格•布罗克曼) are people in Chinese news. Each
# side is a run of the characters Chinese uses to transliterate foreign names, which is where the
# name stops and the sentence goes on (伊隆·马斯克正式宣布: 正 is not one of them).
TRANSLITERATION_CHARS = frozenset(
    "阿埃艾爱安奥巴拜班邦贝本比彼宾波伯博布查达戴丹德迪蒂丁杜多厄恩法菲费芬佛弗福盖甘高戈格贡古哈海汉豪赫亨华"
    "霍基吉加贾杰金卡凯坎康柯科克肯库夸拉莱兰朗劳勒雷里利连林卢鲁伦罗洛马迈麦曼梅门蒙米明莫默姆穆纳内尼努诺欧"
    "帕佩彭皮普奇齐乔切琼丘萨塞赛桑瑟森沙莎舍圣施什史斯松苏索塔泰坦汤特图瓦万威韦维温沃乌西希谢辛休雅亚扬伊因"
    "尤约泽詹兹山隆登烈冯莉丝茨娜丽琳玛露黛薇珍妮芙罗尔"
)
# Matching a name across scripts by sound (Manning / 曼宁) may look at more characters: ones that
# also start or end Chinese words too often to mark a name's edge in running text (宁, 顿, 路).
SOUNDED_NAME_CHARS = TRANSLITERATION_CHARS | frozenset(
    "宁顿锡茵夫托瑞娅奈佐朱祖肖席夏廷汀廉旺翰俄胡惠季嘉捷喀考可寇奎昆腊赖黎列留柳龙娄陆路律吕伍庞蓬纽澳哥墨"
)
NAME_DOTS = "·•・"


def is_transliteration(text: str) -> bool:
    """True for 奥尔特曼 or 萨姆·奥尔特曼: every character one Chinese uses for foreign names."""
    chars = [c for c in text if c not in NAME_DOTS]
    return len(chars) >= 2 and all(c in TRANSLITERATION_CHARS for c in chars)


def may_be_transliteration(text: str) -> bool:
    """True for 曼宁 as for 奥尔特曼: every character one Chinese may use for a foreign name."""
    chars = [c for c in text if c not in NAME_DOTS]
    return len(chars) >= 2 and all(c in SOUNDED_NAME_CHARS for c in chars)


# A run of name characters this long in a Chinese question is sounded whole: 卡罗莱纳 (Carolina),
# which jieba cuts into 卡罗 and 莱纳, each alone sounding like other names (卡罗: Korea, Cairo).
MIN_NAME_RUN = 3


def name_runs(text: str) -> list[str]:
    """The runs of characters Chinese may write a foreign name in, at least MIN_NAME_RUN long:
    作为卡罗莱纳黑豹队的先发球员 -> [卡罗莱纳]."""
    runs = re.findall(f"[{''.join(sorted(SOUNDED_NAME_CHARS))}]+", text)
    return [r for r in runs if len(r) >= MIN_NAME_RUN]


# What a dotted name's first part does not start with: the preposition or conjunction jieba
# joins to it (由朗·霍华德, 由约翰·白朗宁, 与威尔特).
_NAME_LEAD = "由于与和及被把向对在从为给是"
# What its last part does not end with: the adverb, verb or particle jieba joins to it
# (卡特里娜·沃斯曾在欧洲: 沃斯曾).
_NAME_TAIL = "曾在是说称将也亦又还就则已于和与及等被把向对从为给的了"
# A ruler's number after a name (弗朗茨·约瑟夫一世, 路易十四).
_REGNAL = re.compile(r"[一二三四五六七八九十]{1,3}世")
# The longest run of words on either side of a dot, in characters.
MAX_NAME_SIDE = 8
# A name written in Latin letters in brackets after it (施特凡(Heinrich von Stephan)), read with
# accents folded (施特凡(Émile Stéphan)).
_LATIN_GLOSS = re.compile(r"[(（][A-Z]")


def dotted_name_spans(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Where names joined by a middle dot are in ``text``, cut into ``words`` by jieba: 萨姆·奥尔特曼,
    苏珊·茨万吉拉伊, J·K·罗琳. The dot marks a name; jieba's words say where it stops. Each side is
    the word beside the dot, with the words jieba tags as names that run on from it (茨万 吉 拉伊 /
    不幸) and single characters of the sounded name set (理察 德); a regnal number ends it
    (约瑟夫一世). Not inside a 《title》, whose parts a dot also joins (《三国志·蜀书》).

    On CMRC 2018 dev, of the 58 dotted gold answers (no title) found in their paragraph, this finds
    49 whole; runs of name characters on either side of the dot found 23: a set of them lacks 珊
    of 苏珊, 察 of 理察德, 保 of 保罗, and any set lacks the Chinese surname of 威尔特·张伯伦. A verb or
    particle jieba glues to the last part is not the name's (沃斯曾), and a last character it glues
    to the particle after the name is (波萨/达于).

    A single name character jieba cut off as a word of its own runs on too: the first ([奇]布尔,
    [高]德菲), and the last before a Latin gloss (施特[凡](Heinrich von Stephan)); so does a word of
    name characters jieba tags as a place (卡萨[吉马]斯). Of CMRC 2018 dev's 91 distinct dotted gold
    answers found in their paragraph (lists of names counted, which no single name is), found
    whole in their sentence 51 -> 55; MSRA F1 0.656 -> 0.657, Weibo 0.495 the same."""
    found: list[tuple[int, int]] = []
    depth = 0  # inside how many 《title》 marks
    for k, (word, _, _, _) in enumerate(words):
        depth += (word == "《") - (word == "》" and depth > 0)
        if word not in NAME_DOTS or depth or k == 0 or k + 1 == len(words):
            continue
        before, after = words[k - 1], words[k + 1]
        if not (_is_name_part(before[0]) and _is_name_part(after[0])):
            continue
        start, j = before[2], k - 2
        while j >= 0 and words[j][1].startswith("nr") and before[3] - words[j][2] <= MAX_NAME_SIDE:
            start, j = words[j][2], j - 1
        if j >= 0 and _lone_name_character(*words[j][:2]):
            start = words[j][2]  # [奇]布尔, [高]德菲; no further: jieba tags 顾问 as a name too
        if found and found[-1][1] >= before[2]:  # a name of several dots: one span
            start = found.pop()[0]
        while start < before[3] - 1 and text[start] in _NAME_LEAD:
            start += 1
        end, j = after[3], k + 2
        while j < len(words) and words[j][3] - after[2] <= MAX_NAME_SIDE and _runs_on(*words[j][:2]):
            end, j = words[j][3], j + 1
        if j < len(words) and _glued_tail(words[j][0]):
            end += 1  # the name's last character, glued to the particle after it (波萨/达于 -> 波萨达)
        while end - 1 > after[2] and text[end - 1] in _NAME_TAIL:
            end -= 1
        if _glossed_last_character(text, end, words):
            end += 1  # 施特[凡](Heinrich von Stephan): the name runs on to its gloss
        regnal = _REGNAL.match(text, end)
        found.append((start, regnal.end() if regnal else end))
    return found


def _glossed_last_character(text: str, end: int, words: Sequence[Word]) -> bool:
    """Is the character at ``end`` a word of its own, not a noun, just before a Latin gloss? Then
    it is the name's last, which jieba read as something else (施特/凡 in 施特凡(Heinrich von
    Stephan)); a title or a place's noun is not (教授, 爵士, 广场, 街)."""
    word = next((w for w in words if w[2] == end), None)
    return (
        word is not None
        and len(word[0]) == 1
        and _is_name_part(word[0])  # not a bracket: 青木」(Rocky Aoki)
        and not word[1].startswith("n")
        and _LATIN_GLOSS.match(fold_accents(text[end + 1 : end + 3])) is not None
    )


def _glued_tail(word: str) -> bool:
    """Is ``word`` a name character jieba joined to the particle after the name (达于, 斯曾)?"""
    return len(word) == 2 and word[0] in SOUNDED_NAME_CHARS and word[1] in _NAME_TAIL


def _is_name_part(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z\u3400-\u9fff]+", word))  # letters, not numbers (全垒打・50)


def _runs_on(word: str, flag: str) -> bool:
    """Does a word after a dotted name's word go on with the name?"""
    # a name, or a word of name characters jieba takes for a place (卡萨[吉马]斯); or a single name
    # character, unless jieba reads a preposition, conjunction or particle there (查理·义律[因]英国)
    return (
        flag.startswith("nr")
        or (flag.startswith("ns") and may_be_transliteration(word))
        or _lone_name_character(word, flag)
    )


def _lone_name_character(word: str, flag: str) -> bool:
    """A name character jieba cut off as a word of its own ([奇]布尔, [高]德菲, 施特[凡]); not one it
    reads as a preposition, conjunction or particle ([由]约翰, 义律[因]英国)."""
    return len(word) == 1 and word in SOUNDED_NAME_CHARS and not flag.startswith(("p", "c", "u"))


def is_latin(name: str) -> bool:
    """Written in Latin letters, accented or not (Sam Altman, Peñalosa), not in Chinese."""
    return fold_accents(name).isascii()


def name_key(text: str) -> str:
    """The form names are compared in: no dots or spaces, Latin lower-cased, accents folded.
    萨姆·奥尔特曼 -> 萨姆奥尔特曼; Erdoğan and Erdogan -> erdogan, as outlets write it either way."""
    return fold_accents(re.sub(rf"[\s{NAME_DOTS}.\-'’]", "", text).lower())


def name_parts(text: str) -> list[str]:
    """The parts of a full name: 萨姆·奥尔特曼 -> [萨姆, 奥尔特曼]; Sam Altman -> [Sam, Altman]."""
    return [p for p in re.split(rf"[\s{NAME_DOTS}]+", text.strip()) if p]


@lru_cache(maxsize=4096)
def _sound(text: str) -> str:
    from pypinyin import lazy_pinyin  # only transliterated names need it

    # 尔 renders an "l" or an "r" that transliterations drop as often as keep (奥特曼/奥尔特曼).
    return "".join(s for s in lazy_pinyin(text.replace("尔", "")) if s)


def romanized(text: str) -> list[str]:
    """A Chinese personal name as English writes it, both orders: 林嘉禾 -> linjiahe, jiahelin."""
    from pypinyin import lazy_pinyin

    if not 2 <= len(text) <= 4 or is_transliteration(text) or not re.fullmatch(r"[\u4e00-\u9fff]+", text):
        return []
    syllables = lazy_pinyin(text)
    surname, given = syllables[0], "".join(syllables[1:])
    return [surname + given, given + surname]


def sound_similarity(a: str, b: str) -> float:
    """How alike two transliterations sound, 0-1: 奥特曼 ~ 奥尔特曼 1.0, 阿尔特曼 ~ 奥尔特曼 0.93."""
    sa, sb = _sound(name_key(a)), _sound(name_key(b))
    if not sa or not sb:
        return 0.0
    return SequenceMatcher(None, sa, sb).ratio()


# -- names across scripts --------------------------------------------------------------------------
# An English name and its Chinese transliteration sound alike: Manning / 曼宁 (manning), Peyton /
# 培顿 (peidun), Lindisfarne / 林迪斯法恩 (lindisifaen). Both are brought to one rough skeleton:
# consonants by class (b/p, d/t, g/k, s/z/x/c, j/zh/ch/q, l/r, v/w), each run of vowels one "a",
# doubled letters single; an English r that is not before a vowel is dropped, as transliterations
# drop it (Luther / 路德, Denver / 丹佛).
_PINYIN_INITIALS = (("zh", "j"), ("ch", "j"), ("sh", "s"), ("q", "j"), ("x", "s"), ("z", "s"), ("c", "s"))
_ENGLISH_SPELLINGS = (
    ("ph", "f"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "j"),
    ("ck", "k"),
    ("qu", "k"),
    ("x", "ks"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("c", "k"),
)
_CLASSES = str.maketrans("bdgqzrvy", "ptkkslwa")


def _skeleton(spelled: str) -> str:
    out = re.sub(r"[aeiouy]+", "a", spelled.translate(_CLASSES))
    return re.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=65536)
def sound_skeleton(name: str) -> str:
    """How a name sounds, the same for English spelling and a Chinese name read in pinyin.

    Manning and 曼宁 -> manank; Peyton and 培顿 -> patan. Empty for anything else.
    """
    key = name_key(name)
    if re.fullmatch(r"[a-z]+", key):
        spelled = re.sub(r"r(?![aeiouy])", "", key)
        for old, new in _ENGLISH_SPELLINGS:
            spelled = spelled.replace(old, new)
        return _skeleton(spelled)
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", key):
        return ""
    from pypinyin import lazy_pinyin

    syllables = []
    for syllable in lazy_pinyin(key):
        for old, new in _PINYIN_INITIALS:
            if syllable.startswith(old):
                syllable = new + syllable[len(old) :]
                break
        syllables.append(syllable)
    return _skeleton("".join(syllables))


def sound_across(a: str, b: str) -> float:
    """How alike an English name and a Chinese transliteration sound, in either order, 0-1
    (Manning ~ 曼宁 1.0)."""
    skeleton_a, skeleton_b = sound_skeleton(a), sound_skeleton(b)
    if not skeleton_a or not skeleton_b:
        return 0.0
    return SequenceMatcher(None, skeleton_a, skeleton_b).ratio()


def spelling_across(a: str, b: str) -> float:
    """How alike an English name's letters and a Chinese name's pinyin are, 0-1: what tells apart
    names that sound alike by skeleton (卡卡: gaga 0.5, george 0.0; both skeletons kaka)."""
    from pypinyin import lazy_pinyin

    spelled_a, spelled_b = (
        "".join(lazy_pinyin(k)) if not k.isascii() else k for k in (name_key(a), name_key(b))
    )
    return SequenceMatcher(None, spelled_a, spelled_b).ratio()
