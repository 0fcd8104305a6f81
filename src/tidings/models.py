"""Plain data that flows between the rooms: raw items, cleaned documents, sentences, answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

# Embeddings: one L2-normalised float32 row per text.
Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class RawItem:
    """What a source yields: one page, file or JSON line, not yet cleaned.

    Exactly one of ``text`` (plain text, already decoded) and ``html`` is set.
    """

    source: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of a cleaned document.

    ``text`` is exactly ``document.text[start:end]``, as the source wrote it (kept for display and
    citation); ``normalized`` is what matching uses (NFKC, Simplified, garbling repaired).
    """

    position: int
    start: int
    end: int
    paragraph: int
    text: str
    normalized: str


@dataclass(frozen=True)
class CleanDocument:
    source: str
    text: str
    title: str | None
    published: str | None
    published_inferred: bool
    language: str
    sentences: list[Sentence]
    content_hash: str
    url: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class Citation:
    doc_id: str
    source: str
    title: str | None
    published: str | None
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_row(cls, row: Any) -> Citation:
        """From a sentence row joined with its document's source, title and published."""
        return cls(
            doc_id=row["doc_id"],
            source=row["source"],
            title=row["title"],
            published=row["published"],
            text=row["text"],
            start=int(row["start"]),
            end=int(row["end"]),
        )


@dataclass(frozen=True)
class AnswerValue:
    value: str
    normalized: str
    citations: list[Citation]
    claimed_by: list[str] = field(default_factory=list)  # who the sources say claims it


@dataclass(frozen=True)
class Dispute:
    subject: str
    attribute: str
    values: list[AnswerValue]

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "attribute": self.attribute,
            "values": [
                {
                    "value": v.value,
                    "normalized": v.normalized,
                    "citations": [c.to_json() for c in v.citations],
                    "claimed_by": v.claimed_by,
                }
                for v in self.values
            ],
        }


@dataclass
class Answer:
    """The ``ask`` contract: ``answer`` is None when nothing in the store supports one."""

    question: str
    answer: str | None
    citations: list[Citation] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    confidence: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "disputes": [d.to_json() for d in self.disputes],
            "confidence": round(self.confidence, 3),
        }


@dataclass
class IngestReport:
    """The ``ingest`` contract: counts, and one entry per rejected input."""

    ingested: int = 0
    duplicates: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "duplicates": self.duplicates, "rejected": self.rejected}
