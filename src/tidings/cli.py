"""The ``tidings`` command: a thin layer over the library. See ``tidings --help``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from tidings import __version__, open_store
from tidings.answer import DEFAULT_MIN_CONFIDENCE, ask
from tidings.errors import TidingsError
from tidings.models import Answer, Dispute, IngestReport
from tidings.pipeline import backfill, ingest
from tidings.store import SQLiteStore
from tidings.stories import find_disputes, list_stories, timeline

DEFAULT_DB = "tidings.db"
# The progress bar appears once an ingest has handled this many inputs ("more than a few").
PROGRESS_AFTER = 5


def _emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False))


class _Progress:
    """A tqdm bar on standard error, started only once an ingest turns out to be more than a few inputs."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __call__(self, report: IngestReport) -> None:
        done = report.ingested + report.duplicates + len(report.rejected)
        if not self.enabled:
            return
        if self.bar is None and done > PROGRESS_AFTER:
            from tqdm import tqdm

            self.bar = tqdm(desc="ingesting", unit="doc", file=sys.stderr, initial=done - 1, disable=None)
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(new=report.ingested, dup=report.duplicates, bad=len(report.rejected))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="TIDINGS_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="The store: a SQLite file (created if missing). Also TIDINGS_DB.",
)
@click.version_option(__version__, prog_name="tidings")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """tidings: news intelligence for Chinese and English, every answer cited to its sentence."""
    ctx.obj = {"db": db}


def _open(ctx: click.Context) -> SQLiteStore:
    try:
        store = open_store(ctx.obj["db"])
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from exc
    ctx.call_on_close(store.close)
    return store


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON on standard output.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-input messages.")
@click.pass_context
def ingest_command(ctx: click.Context, inputs: tuple[str, ...], as_json: bool, quiet: bool) -> None:
    """Ingest files, folders, http(s) URLs, or '-' (JSON lines on standard input).

    Files: .txt .md .html .htm .html.gz .jsonl. A JSON line carries "text" or "html" and optionally
    "id", "url", "title", "published", "source". Exit status: 0 when every input was ingested or was
    a duplicate, 1 when some were rejected (the others are still ingested), 2 on a usage error.
    """
    store = _open(ctx)
    progress = _Progress(enabled=not quiet)
    skipped: list[str] = []
    try:
        report = ingest(store, inputs, progress=progress, skipped=skipped)
    finally:
        progress.close()
    if not quiet:
        for note in skipped:
            click.echo(f"skipped {note}", err=True)
        for rejected in report.rejected:
            click.echo(f"rejected {rejected['source']}: {rejected['error']}", err=True)
    if as_json:
        _emit_json(report.to_json())
    else:
        click.echo(
            f"ingested {report.ingested}, duplicates {report.duplicates}, rejected {len(report.rejected)}"
            f" (store: {store.path}, {store.document_count()} documents)"
        )
    ctx.exit(1 if report.rejected else 0)


def _print_answer(answer: Answer) -> None:
    click.echo(f"Q: {answer.question}")
    if answer.answer is None:
        click.echo("A: no answer: nothing in the store supports one.")
        return
    click.echo(f"A: {answer.answer}    (confidence {answer.confidence:.2f})")
    for n, cit in enumerate(answer.citations, start=1):
        date = f", {cit.published}" if cit.published else ""
        title = f" «{cit.title}»" if cit.title else ""
        click.echo(f"  [{n}] {cit.source}{title}{date}, chars {cit.start}-{cit.end}")
        click.echo(f"      {cit.text}")
    for dispute in answer.disputes:
        _print_dispute(dispute)


def _print_dispute(dispute: Dispute) -> None:
    click.echo(f"  sources differ on {dispute.subject} / {dispute.attribute}:")
    for value in dispute.values:
        claimed = f" (claimed by {', '.join(value.claimed_by)})" if value.claimed_by else ""
        click.echo(f"    {value.value} = {value.normalized}{claimed}")
        for cit in value.citations:
            click.echo(f"      - {cit.source}: {cit.text}")


def _read_batch(path: str) -> list[dict[str, Any]]:
    questions = []
    with click.open_file(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.BadParameter(
                    f"line {lineno}: not valid JSON ({exc.msg})", param_hint="--batch"
                ) from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("question"), str):
                raise click.BadParameter(f'line {lineno}: expected {{"question": ...}}', param_hint="--batch")
            questions.append(obj)
    return questions


@cli.command("ask")
@click.argument("question", required=False)
@click.option(
    "--batch",
    type=click.Path(allow_dash=True),
    help='A file of JSON lines {"question": s, "id": s}; one answer line each, in order.',
)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON on standard output.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=DEFAULT_MIN_CONFIDENCE,
    show_default=True,
    help="Below this confidence the answer is null.",
)
@click.pass_context
def ask_command(
    ctx: click.Context, question: str | None, batch: str | None, as_json: bool, min_confidence: float
) -> None:
    """Answer QUESTION from the store, citing the sentences that support the answer."""
    if (question is None) == (batch is None):
        raise click.UsageError("give either a QUESTION or --batch FILE")
    store = _open(ctx)
    items = _read_batch(batch) if batch else [{"question": question}]
    for item in items:
        answer = ask(store, str(item["question"]), min_confidence=min_confidence)
        if as_json:
            out = answer.to_json()
            if "id" in item:
                out["id"] = item["id"]
            _emit_json(out)
        else:
            _print_answer(answer)
            if batch:
                click.echo()


@cli.command("documents")
@click.option("--text", "with_text", is_flag=True, help="Include each document's cleaned text.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON on standard output.")
@click.pass_context
def documents_command(ctx: click.Context, with_text: bool, as_json: bool) -> None:
    """List the documents in the store."""
    docs = _open(ctx).documents(with_text=with_text)
    if as_json:
        _emit_json(docs)
        return
    for doc in docs:
        title = doc["title"] or "(no title)"
        click.echo(
            f"{doc['doc_id']}  {doc['language']}  {doc['published'] or '----------'}  "
            f"{doc['sentences']:4d} sentences  {title}  <{doc['source']}>"
        )
        if with_text:
            click.echo(doc["text"])
            click.echo()


@cli.command("entities")
@click.option("--type", "kind", type=click.Choice(["PER", "ORG", "LOC", "PRODUCT"]), help="Only this type.")
@click.option("--min-mentions", type=click.IntRange(1), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON on standard output.")
@click.pass_context
def entities_command(ctx: click.Context, kind: str | None, min_mentions: int, as_json: bool) -> None:
    """List the people, organisations, places and products the store knows, with their aliases."""
    store = _open(ctx)
    backfill(store)  # documents stored before the store had entities
    found = store.entities(kind=kind, min_mentions=min_mentions)
    if as_json:
        _emit_json(found)
        return
    for entity in found:
        aliases = ", ".join(entity["aliases"])
        click.echo(
            f"{entity['id']:>6}  {entity['type']:<7} {entity['mentions']:5d}  {entity['name']}"
            + (f"  ({aliases})" if aliases else "")
        )


@cli.command("stories")
@click.option("--min-documents", type=click.IntRange(1), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON on standard output.")
@click.pass_context
def stories_command(ctx: click.Context, min_documents: int, as_json: bool) -> None:
    """List the stories: documents grouped by the event they report, near-duplicates shown once."""
    store = _open(ctx)
    backfill(store)
    found = list_stories(store, min_documents=min_documents)
    if as_json:
        _emit_json(found)
        return
    for story in found:
        span = f"{story['first_seen'] or '?'} .. {story['last_seen'] or '?'}"
        click.echo(f"{story['id']:>6}  {len(story['documents']):3d} documents  {span}  {story['title']}")
        click.echo(f"        {', '.join(story['entities'])}")


def _story_id(value: str) -> int:
    digits = value[1:] if value[:1] in ("s", "S") else value
    if not digits.isdigit():
        raise click.BadParameter(f"{value!r} is not a story id (s12 or 12)", param_hint="STORY_ID")
    return int(digits)


@cli.command("timeline")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON on standard output.")
@click.pass_context
def timeline_command(ctx: click.Context, story_id: str, as_json: bool) -> None:
    """The dated events of STORY_ID (as `stories` lists it) in date order, each with its sources."""
    store = _open(ctx)
    backfill(store)
    if store.story_size(_story_id(story_id)) is None:
        raise click.ClickException(f"no story {story_id} in {ctx.obj['db']}")
    entries = timeline(store, _story_id(story_id))
    if as_json:
        _emit_json([e.to_json() for e in entries])
        return
    for entry in entries:
        click.echo(f"{entry.date:<10}  {entry.text}")
        for cit in entry.citations:
            click.echo(f"              - {cit.source}, chars {cit.start}-{cit.end}")


@cli.command("disputes")
@click.option("--json", "as_json", is_flag=True, help="Print the disputes as JSON on standard output.")
@click.pass_context
def disputes_command(ctx: click.Context, as_json: bool) -> None:
    """Where sources give incompatible values for the same subject and attribute."""
    store = _open(ctx)
    backfill(store)
    found = find_disputes(store)
    if as_json:
        _emit_json([d.to_json() for d in found])
        return
    for dispute in found:
        _print_dispute(dispute)


def main() -> None:
    # Chinese output on a terminal that Python thinks is ASCII would raise; be lenient instead.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(errors="replace")
    cli()


if __name__ == "__main__":
    main()
