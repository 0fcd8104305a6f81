"""The normalised form used for matching, with a map back to the original offsets.

The original text is what tidings displays and cites. Matching uses a form that is NFKC-folded,
converted from Traditional to Simplified with OpenCC, without invisible characters, and has a
known garbling repaired: pinyin glosses glued after characters by a bad conversion (``行業(yè)``
becomes ``行業``, then ``行业``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_LETTERS = f"a-zü{_TONED}"
# A gloss is a lowercase pinyin syllable with at least one tone mark, in parentheses, glued to a
# Chinese character: "業(yè)", "時(shí)". The tone mark keeps real parenthesised words such as
# "(specieist)" or "(Sam Altman)" untouched. The second form is the same gloss whose opening
# parenthesis the bad conversion swallowed together with the character: "因?yàn)".
PINYIN_GLOSS = re.compile(
    rf"(?<=[\u3400-\u9fff])\((?=[{_PINYIN_LETTERS}]*[{_TONED}])[{_PINYIN_LETTERS}]{{1,7}}\)"
    rf"|\?(?=[{_PINYIN_LETTERS}]*[{_TONED}])[{_PINYIN_LETTERS}]{{1,7}}\)"
)


# Invisible characters that pages leave inside words: a soft hyphen (Peña\u00adlosa), zero-width
# spaces and joiners, a word joiner, a byte-order mark. Matching drops them, so that a word split by
# one is still one word; the original, which is cited, keeps them.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return str(_t2s().convert(text))


def remove_glosses(text: str) -> str:
    return PINYIN_GLOSS.sub("", text)


def normalize_with_map(text: str, keep_invisible: bool = False) -> tuple[str, list[int]]:
    """Return the normalised text and, for each of its characters, the index in ``text`` it came from.

    The map has one extra entry at the end (``len(text)``) so that a span ``[i, j)`` of the normal
    form maps to ``[offsets[i], offsets[j])`` of the original. ``keep_invisible`` maps the form
    stored before invisible characters were dropped.
    """
    kept: list[tuple[str, int]] = []
    last = 0
    for match in PINYIN_GLOSS.finditer(text):
        kept.extend((ch, i) for i, ch in enumerate(text[last : match.start()], start=last))
        last = match.end()
    kept.extend((ch, i) for i, ch in enumerate(text[last:], start=last))

    chars: list[str] = []
    offsets: list[int] = []
    for ch, i in kept:
        if ch in _INVISIBLE and not keep_invisible:
            continue
        folded = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        for out in folded:
            chars.append(out)
            offsets.append(i)
    folded_text = "".join(chars)
    simplified = to_simplified(folded_text)
    if len(simplified) != len(folded_text):
        # OpenCC converts by phrase; in the rare case a phrase changes length, fall back to
        # character-by-character conversion so that the offset map stays exact.
        simplified = "".join(to_simplified(ch) if len(to_simplified(ch)) == 1 else ch for ch in folded_text)
    offsets.append(len(text))
    return simplified, offsets


def normalize(text: str) -> str:
    return normalize_with_map(text)[0]
