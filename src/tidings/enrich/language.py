"""Language of a text: Chinese or English (the two tidings reads)."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# Chinese news quotes English names and terms; a text is Chinese once Han characters are a fifth
# of its letters-or-characters (each English word counted as one unit, as a Chinese word of ~1.5
# characters would be).
HAN_SHARE_FOR_CHINESE = 0.2


def detect_language(text: str) -> str:
    han = len(_HAN.findall(text))
    words = len(_LATIN_WORD.findall(text))
    if han == 0 and words == 0:
        return "und"
    return "zh" if han >= HAN_SHARE_FOR_CHINESE * (han + words) else "en"
