"""Tokens for the lexical index and for matching: jieba for Chinese, words for English.

Both sides of a match (sentences at ingest, questions at ask) go through :func:`tokenize`, on the
normalised form (Simplified, NFKC), so 達到 in a Traditional page matches 达到 in a question.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

# Function words that carry no meaning for retrieval. Kept short on purpose: a long stop list
# hides words like 没有 or 不 that change what a sentence says.
STOPWORDS = frozenset(
    """
    的 了 是 在 和 与 及 或 也 都 就 而 还 又 被 把 让 给 对 从 向 于 以 为 之 其 这 那 这个
    那个 这些 那些 着 过 吗 呢 吧 啊 呀 哦 嘛 么 个 等 将 已 已经 并 但 但是 因为 所以 如果
    虽然 一个 一种 我们 你们 他们 它们 自己 a an the of to in on at by for from with and or
    but is are was were be been being it its this that these those as into than then so such
    do does did has have had will would can could should may might not no
    he she they we you him her them my your his their our also
    """.split()
)
# A character jieba has counted this often is common enough to turn up inside the words of any
# sizeable text (购 1,008 times: 采购, 收购); rarer ones (亓 70, 厥 291) are dictionary curiosities.
COMMON_CHARACTER_MIN_COUNT = 500


Word = tuple[str, str, int, int]  # a word jieba cut, its part-of-speech tag, where it starts and ends


def placed(tagged: Iterable[tuple[str, str]]) -> list[Word]:
    """jieba's tagged words of a text, in order, with where each starts and ends."""
    words, offset = [], 0
    for word, flag in tagged:
        words.append((word, flag, offset, offset + len(word)))
        offset += len(word)
    return words


def is_common_character(char: str) -> bool:
    _ready()
    return int(jieba.dt.FREQ.get(char, 0)) >= COMMON_CHARACTER_MIN_COUNT


# A Latin letter with an accent (Temüjin, Erdoğan, Québec): jieba cuts a word at it (tem ü jin),
# and a reader types the name without it. Both sides of a match fold it to its bare letter, one
# character for one, so that a position in the folded text is a position in the text.
_ACCENTED = re.compile(r"[À-ÖØ-öø-ɏḀ-ỿ]")  # Latin-1, Extended-A and -B, Extended Additional


# Letters Unicode does not decompose, but a reader types bare all the same (Ørsted, Łódź).
# ß and æ would take two letters and stay.
_UNDECOMPOSED = {"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h"}


@lru_cache(maxsize=1024)
def _bare_letter(char: str) -> str:
    if char in _UNDECOMPOSED:
        return _UNDECOMPOSED[char]
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return bare if len(bare) == 1 else char


def fold_accents(text: str) -> str:
    """``text`` with each accented Latin letter folded to its bare letter: Temüjin -> Temujin."""
    if not _ACCENTED.search(text):
        return text
    return _ACCENTED.sub(lambda m: _bare_letter(m.group(0)), text)


_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
_KEEP_INNER = re.compile(r"^[\w.\-]+$")


def _stem(word: str) -> str:
    """Fold English plurals: GPUs -> gpu, companies -> company. Nothing more aggressive."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
        return word[:-1]
    return word


# Endings that make one English word of another (immunity, immune; incompetence, incompetent),
# a longer ending before any shorter one it ends with (ations, ation; ities, ity). Used to find
# the word a text uses for a dictionary's word, not to index.
_DERIVATIONAL_ENDINGS = (
    "ations", "ation", "ities", "ity", "ences", "ence", "ances", "ance", "ments", "ment", "ness",
    "ions", "ion", "ive", "ous", "ally", "al", "ing", "ed", "er", "ly", "es", "e", "y", "s",
)  # fmt: skip
# Roots shorter than this say too little (us, art): immun, incompet, democra are long enough.
ENGLISH_MIN_ROOT = 5


def english_root(word: str) -> str:
    """``word`` without its derivational ending: immunity -> immun, incompetence -> incompet."""
    for ending in _DERIVATIONAL_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= ENGLISH_MIN_ROOT:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1)
def _ready() -> bool:
    jieba.initialize()
    return True


def tokenize(normalized: str) -> list[str]:
    """Index tokens of an already normalised text: lower-cased, stop words and punctuation dropped.

    ``cut_for_search`` also emits the parts of long words (科学家 -> 科学, 学家, 科学家), so a
    question that says 科学 still finds a sentence that says 科学家.
    """
    _ready()
    tokens: list[str] = []
    for raw in jieba.cut_for_search(fold_accents(normalized)):
        word = raw.strip().lower().strip(".-")
        if not word or not _WORD.search(word) or word in STOPWORDS:
            continue
        if not _KEEP_INNER.match(word):
            continue
        tokens.append(_stem(word) if word.isascii() else word)
    return tokens
