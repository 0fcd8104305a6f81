"""The shapes names take in Chinese and English text, and how alike two transliterations sound.

Shared by entity recognition (enrich), alias linking and answer spans, so that 萨姆·奥尔特曼 is
one name wherever it is read.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

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
NAME_DOT = re.compile(r"[·•・]")
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


def dotted_name_spans(text: str, chars: frozenset[str] = TRANSLITERATION_CHARS) -> list[tuple[int, int]]:
    """Where transliterated names joined by a middle dot are: 萨姆·奥尔特曼, 贾里德·伯查尔; each side
    a run of ``chars``."""
    spans = []
    for m in NAME_DOT.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < 5 and text[start - 1] in chars:
            start -= 1
        end = m.end()
        while end < len(text) and end - m.end() < 8 and text[end] in chars:
            end += 1
        if start < m.start() and end > m.end():
            spans.append((start, end))
    return spans


def name_key(text: str) -> str:
    """The form names are compared in: no dots or spaces, Latin lower-cased. 萨姆·奥尔特曼 -> 萨姆奥尔特曼."""
    return re.sub(rf"[\s{NAME_DOTS}.\-'’]", "", text).lower()


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
