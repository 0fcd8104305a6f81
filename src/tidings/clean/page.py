"""What the extractors (HTML and plain text) return: the article's text with its title and date."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    text: str  # paragraphs, one per line
    title: str | None
    published: str | None  # as the page gives it; clean() keeps the ISO date part
