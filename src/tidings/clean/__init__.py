"""Clean: from a raw item to a document of paragraphs and sentences, ready to enrich and store."""

from __future__ import annotations

import hashlib
import re

from tidings.clean.html import extract_html
from tidings.clean.normalize import normalize, normalize_with_map, to_simplified
from tidings.clean.sentences import split_sentences
from tidings.clean.text import clean_text
from tidings.enrich.dates import infer_published
from tidings.enrich.language import detect_language
from tidings.errors import RejectedInput
from tidings.models import CleanDocument, RawItem

__all__ = ["clean", "content_hash", "normalize", "normalize_with_map", "split_sentences", "to_simplified"]

_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_DATE_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def content_hash(item: RawItem) -> str:
    """The document key: a hash of what the source gave, so the same input twice is one document."""
    body = item.text if item.text is not None else item.html or ""
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()


def _published(value: str | None) -> str | None:
    """Keep the ISO date part (``YYYY[-MM[-DD]]``) of what a source gives as publication time."""
    if not value:
        return None
    match = _DATE_PREFIX.match(value.strip())
    return match.group(0) if match else None


def clean(item: RawItem) -> CleanDocument:
    """Clean one raw item. Raises :class:`RejectedInput` when no article text remains."""
    if item.html is not None:
        page = extract_html(item.html, item.source, item.url)
        text, title, published = page.text, page.title, page.published
    else:
        page_text = clean_text(item.text or "")
        text, title, published = page_text.text, page_text.title, page_text.published
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n") if line.strip())
    if not text:
        raise RejectedInput(item.source, "no article text left after cleaning")
    sentences = split_sentences(text)
    if not sentences:
        raise RejectedInput(item.source, "no sentences found in the text")
    given = _published(item.published) or _published(published)
    inferred = None if given else infer_published(normalize(text))
    return CleanDocument(
        source=item.source,
        text=text,
        title=item.title or title,
        published=given or inferred,
        published_inferred=inferred is not None,
        language=detect_language(text),
        sentences=sentences,
        content_hash=content_hash(item),
        url=item.url,
        external_id=item.external_id,
    )
