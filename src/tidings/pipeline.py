"""The whole ingest path on one screen: sources -> clean -> enrich -> store + index.

Each document is cleaned and enriched outside any lock, then written in one transaction, so a
crash never leaves half a document and a rejected input never stops the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import BinaryIO

from tidings.clean import clean, content_hash, normalize
from tidings.enrich import Reading, read_document
from tidings.enrich.aliases import link
from tidings.enrich.embed import embed_passages, lead_text, passage_texts, passages
from tidings.enrich.tokens import tokenize
from tidings.errors import RejectedInput
from tidings.models import IngestReport, RawItem, Sentence
from tidings.sources import HttpFetcher, iter_sources
from tidings.store import SQLiteStore
from tidings.stories import backfill_stories, place_in_story

# Called once per input handled, with the running report: the CLI draws its progress bar from it.
Progress = Callable[[IngestReport], None]


def index_tokens(sentences: list[Sentence], title: str | None) -> tuple[list[list[str]], list[str]]:
    """The index tokens of each sentence and of the normalised ``title``: at ingest, and when a
    document is indexed again (``backfill_tokens``), the same way."""
    return [tokenize(s.normalized) for s in sentences], tokenize(title) if title else []


def store_reading(store: SQLiteStore, doc_id: str, reading: Reading) -> None:
    """store: link the document's entities to known ones (merging where it shows two are one),
    then its facts and dates. Call inside the document's transaction."""
    ids = store.add_entities(doc_id, link(reading.entities, store))
    by_surface = {m.text: i for entity, i in zip(reading.entities, ids, strict=True) for m in entity.mentions}
    store.add_facts(doc_id, reading.facts, by_surface)
    store.add_dates(doc_id, reading.dates)


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
    title = normalize(doc.title) if doc.title else None
    tokens, title_tokens = index_tokens(doc.sentences, title)  # enrich: index tokens
    groups = passages(doc.sentences)  # enrich: passages of a few sentences, and the lead, embedded
    texts = passage_texts(doc.sentences, groups)
    lead = lead_text(title, doc.sentences)
    # A short post is one passage: its lead vector is that passage's, at no extra cost.
    vectors = embed_passages(texts if len(texts) == 1 and not doc.title else [*texts, lead])
    # enrich: who, how much, when (names known from earlier documents are looked for too)
    reading = read_document(doc.sentences, doc.language, doc.published, store.known_names())
    with store.transaction():  # store + index: all of the document or none of it
        if store.find_hash(doc.content_hash) is not None:  # another writer got there first
            report.duplicates += 1
            return
        doc_id = store.add_document(doc, tokens, groups, vectors[: len(texts)], title_tokens, vectors[-1])
        store_reading(store, doc_id, reading)
        place_in_story(store, doc_id)  # stories: near-duplicate of, or joins, or starts a story
    report.ingested += 1
    report.doc_ids.append(doc_id)


def _stored_sentences(store: SQLiteStore, doc_id: str) -> list[Sentence]:
    return [
        Sentence(r["position"], r["start"], r["end"], r["paragraph"], r["text"], r["normalized"])
        for r in store.sentence_texts(doc_id)
    ]


def backfill_entities(store: SQLiteStore) -> int:
    """Read entities and facts of documents stored before the store had them (schema v4)."""
    missing = store.documents_without_entities()
    for doc_id in missing:
        row = store.conn.execute(
            "SELECT language, published FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        reading = read_document(
            _stored_sentences(store, doc_id), row["language"], row["published"], store.known_names()
        )
        with store.transaction():
            store_reading(store, doc_id, reading)
    return len(missing)


def backfill_vectors(store: SQLiteStore) -> int:
    """Embed what documents stored by an older schema lack: passage vectors (v1), lead vectors (v2)."""
    missing = store.documents_without_vectors()
    for doc_id, has_passages, has_lead in missing:
        row = store.conn.execute("SELECT title FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        sentences = _stored_sentences(store, doc_id)
        groups = [] if has_passages else passages(sentences)
        texts = passage_texts(sentences, groups)
        if not has_lead:
            texts.append(lead_text(row["title"] and normalize(row["title"]), sentences))
        vectors = embed_passages(texts)
        with store.transaction():
            if groups:
                store.add_passages(doc_id, groups, vectors[: len(groups)])
            if not has_lead:
                store.add_lead_vector(doc_id, vectors[-1])
    return len(missing)


def backfill_tokens(store: SQLiteStore) -> int:
    """Index again the documents whose tokens an older tokenizer made (schema 7 folds accents)."""
    waiting = store.documents_to_tokenize()
    for doc_id in waiting:
        row = store.conn.execute("SELECT title FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        title = normalize(row["title"]) if row["title"] else None
        tokens, title_tokens = index_tokens(_stored_sentences(store, doc_id), title)
        with store.transaction():
            store.replace_tokens(doc_id, tokens, title_tokens)
    return len(waiting)


def backfill(store: SQLiteStore) -> None:
    """Bring documents stored by an older schema up to date: index tokens, vectors, then entities,
    then stories."""
    backfill_tokens(store)
    backfill_vectors(store)
    backfill_entities(store)
    backfill_stories(store)


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
    backfill(store)
    for result in iter_sources(inputs, stdin=stdin, fetcher=fetcher, skipped=skipped):  # sources
        if isinstance(result, RejectedInput):
            report.rejected.append({"source": result.source, "error": result.reason})
        else:
            ingest_item(store, result, report)
        if progress is not None:
            progress(report)
    return report
