"""The whole ingest path on one screen: sources -> clean -> enrich -> store + index.

Each document is cleaned and enriched outside any lock, then written in one transaction, so a
crash never leaves half a document and a rejected input never stops the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import BinaryIO

from tidings.clean import clean, content_hash
from tidings.enrich.tokens import tokenize
from tidings.errors import RejectedInput
from tidings.models import IngestReport, RawItem
from tidings.sources import HttpFetcher, iter_sources
from tidings.store import SQLiteStore

# Called once per input handled, with the running report: the CLI draws its progress bar from it.
Progress = Callable[[IngestReport], None]


def ingest_item(store: SQLiteStore, item: RawItem, report: IngestReport) -> None:
    """Clean, enrich and store one raw item, recording the outcome in ``report``."""
    if store.find_hash(content_hash(item)) is not None:
        report.duplicates += 1
        return
    try:
        doc = clean(item)  # clean: main text, title, date, sentences with offsets
    except RejectedInput as rejection:
        report.rejected.append({"source": rejection.source, "error": rejection.reason})
        return
    tokens = [tokenize(s.normalized) for s in doc.sentences]  # enrich: index tokens
    with store.transaction():  # store + index: all of the document or none of it
        if store.find_hash(doc.content_hash) is not None:  # another writer got there first
            report.duplicates += 1
            return
        doc_id = store.add_document(doc, tokens)
    report.ingested += 1
    report.doc_ids.append(doc_id)


def ingest(
    store: SQLiteStore,
    inputs: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    fetcher: HttpFetcher | None = None,
    progress: Progress | None = None,
    skipped: list[str] | None = None,
) -> IngestReport:
    """Ingest every input (paths, folders, URLs, ``-``); bad ones are reported, the rest go in."""
    report = IngestReport()
    for result in iter_sources(inputs, stdin=stdin, fetcher=fetcher, skipped=skipped):  # sources
        if isinstance(result, RejectedInput):
            report.rejected.append({"source": result.source, "error": result.reason})
        else:
            ingest_item(store, result, report)
        if progress is not None:
            progress(report)
    return report
