"""JSON lines: one document per line, ``{"text" or "html", "id", "url", "title", "published", "source"}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tidings.errors import RejectedInput
from tidings.models import RawItem

_OPTIONAL_STRINGS = ("id", "url", "title", "published", "source")


def item_from_object(obj: Any, where: str) -> RawItem:
    """Validate one decoded JSON value as a document; ``where`` names it in errors."""
    if not isinstance(obj, dict):
        raise RejectedInput(where, f"expected a JSON object, got {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    if not any(isinstance(v, str) and v.strip() for v in (text, html)):
        raise RejectedInput(where, 'no "text" or "html" field with content')
    for key in _OPTIONAL_STRINGS:
        if obj.get(key) is not None and not isinstance(obj[key], str | int):
            raise RejectedInput(where, f'field "{key}" must be a string')
    source = obj.get("source") or obj.get("url") or where
    return RawItem(
        source=str(source),
        text=text if isinstance(text, str) and text.strip() else None,
        html=html if not (isinstance(text, str) and text.strip()) else None,
        title=obj.get("title"),
        published=str(obj["published"]) if obj.get("published") else None,
        url=obj.get("url"),
        external_id=str(obj["id"]) if obj.get("id") is not None else None,
    )


def iter_jsonl(text: str, source: str) -> Iterator[RawItem | RejectedInput]:
    """Yield each line's document, or a rejection naming ``source:line`` and why."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RejectedInput(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield item_from_object(obj, where)
        except RejectedInput as rejection:
            yield rejection


def is_document_jsonl(path: Path) -> bool:
    """True unless the first parseable line is an object with neither ``text`` nor ``html``."""
    try:
        with path.open("rb") as fh:
            for raw in fh:
                if not raw.strip():
                    continue
                obj = json.loads(raw)
                return not isinstance(obj, dict) or "text" in obj or "html" in obj
    except (OSError, ValueError):
        return True  # let the real read report the problem
    return True
