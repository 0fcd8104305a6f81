"""Bytes to text: detect the encoding instead of guessing UTF-8 and replacing what fails."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from tidings.errors import RejectedInput

# Magic numbers of formats that are certainly not text or HTML.
# Only signatures no text could start with; anything else binary is caught by the control-byte count.
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x1f\x8b",
    b"\xfd7zXZ",
    b"Rar!\x1a",
)
# Share of control characters (other than tab, newline, carriage return, form feed) above which a
# file is treated as binary. Text in any of the encodings we read has none; 5% leaves room for a
# stray control byte or two in a long page.
_MAX_CONTROL_SHARE = 0.05
# Encodings tried when the bytes are not UTF-8. GB18030 is a superset of GBK and GB2312.
_CJK_CANDIDATES = ("gb18030", "big5hkscs")
# Below this share of common Chinese characters, a CJK decoding is taken to be wrong (Big5 bytes
# decoded as GB18030 give rare characters, and vice versa). Real Chinese prose measures 0.95+;
# a mis-decoding of it measures under 0.6.
_MIN_CJK_PLAUSIBILITY = 0.8

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _is_common_hanzi(ch: str) -> bool:
    """True for the 3,755 level-1 characters of GB2312, in either script form."""
    try:
        encoded = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


def _cjk_plausibility(text: str) -> float:
    """Share of the CJK characters in ``text`` that are common ones (Traditional folded to Simplified)."""
    from tidings.clean.normalize import to_simplified

    hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]
    if not hanzi:
        return 0.0
    folded = to_simplified("".join(hanzi))
    return sum(_is_common_hanzi(ch) for ch in folded) / len(folded)


def looks_binary(data: bytes) -> bool:
    if any(data.startswith(sig) for sig in _BINARY_SIGNATURES):
        return True
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > _MAX_CONTROL_SHARE * max(len(head), 1)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode ``data`` to text or raise :class:`RejectedInput` naming ``source``.

    Order: a byte-order mark; strict UTF-8; an encoding the container declares (HTTP header or
    ``<meta charset>``) if the bytes really are in it; GB18030 or Big5, whichever reads as
    plausible Chinese; then charset-normalizer for everything else (Latin-1 pages and so on).
    """
    if not data.strip():
        raise RejectedInput(source, "empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise RejectedInput(
                    source, f"invalid {encoding} after its byte-order mark: {exc.reason}"
                ) from exc
    if looks_binary(data):
        raise RejectedInput(source, "binary file, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best: tuple[float, str] | None = None
    for encoding in _CJK_CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _cjk_plausibility(text)
        if best is None or score > best[0]:
            best = (score, text)
    if best is not None and best[0] >= _MIN_CJK_PLAUSIBILITY:
        return best[1]
    guess = from_bytes(data).best()
    if guess is None:
        raise RejectedInput(
            source, "unknown text encoding (not UTF-8, GB18030, Big5 or a single-byte code page)"
        )
    return str(guess)
