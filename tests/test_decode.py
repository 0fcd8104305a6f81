"""Encoding detection: GBK, GB18030, Big5, UTF-8 with and without BOM, UTF-16; binary and empty input."""

from __future__ import annotations

import codecs

import pytest

from tidings.errors import RejectedInput
from tidings.sources.decode import declared_charset, decode

SIMPLIFIED = "海澄港务局与青澜潮汐签署采购合同,订购四十台水下机器人,用于码头桩基的日常检测。"
TRADITIONAL = "海澄港務局與青瀾潮汐簽署採購合同,訂購四十台水下機器人,用於碼頭樁基的日常檢測。"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "gbk"),
        (SIMPLIFIED + "𠮷", "gb18030"),  # a character outside GBK
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "utf-8"),
        ("Plain English news, with a café.", "cp1252"),
    ],
)
def test_decodes_each_encoding_exactly(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "x") == text


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_byte_order_marks_are_honoured_and_dropped(bom: bytes, encoding: str) -> None:
    assert decode(bom + SIMPLIFIED.encode(encoding), "x") == SIMPLIFIED


def test_short_gbk_is_not_mistaken_for_big5() -> None:
    assert decode("马斯克".encode("gbk"), "x") == "马斯克"


def test_binary_is_rejected_with_the_source_named() -> None:
    with pytest.raises(RejectedInput) as err:
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "pic.txt")
    assert err.value.source == "pic.txt" and "binary" in err.value.reason


def test_control_bytes_mean_binary() -> None:
    with pytest.raises(RejectedInput, match="binary"):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 100, "blob.txt")


def test_empty_is_rejected() -> None:
    with pytest.raises(RejectedInput, match="empty"):
        decode(b"  \n\t ", "empty.txt")


def test_declared_charset_is_read_from_meta() -> None:
    assert declared_charset(b'<html><head><meta charset="gb2312"></head>') == "gb2312"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=big5">') == "big5"
    assert declared_charset(b"<html></html>") is None
