"""Files and folders: .txt, .md, .html, .htm, .html.gz and .jsonl, read with a size cap."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from tidings.errors import RejectedInput
from tidings.models import RawItem
from tidings.sources.decode import declared_charset, decode
from tidings.sources.jsonlines import is_document_jsonl, iter_jsonl

# The largest input read. News pages are well under 2 MB even with inline scripts; a 20 MB cap
# leaves a wide margin and keeps one bad file from holding the whole batch in memory.
MAX_INPUT_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


def _read_capped(path: Path, source: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise RejectedInput(
                source,
                f"file too large ({size / 2**20:.1f} MiB; the limit is {MAX_INPUT_BYTES // 2**20} MiB)",
            )
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
            if len(data) > MAX_INPUT_BYTES:
                raise RejectedInput(
                    source, f"decompressed content over the {MAX_INPUT_BYTES // 2**20} MiB limit"
                )
            return data
        return path.read_bytes()
    except RejectedInput:
        raise
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise RejectedInput(source, f"broken gzip file ({exc or 'truncated'})") from exc
    except OSError as exc:
        raise RejectedInput(source, f"cannot read file ({exc.strerror or exc})") from exc


def read_file(path: Path) -> Iterator[RawItem | RejectedInput]:
    """Yield the items of one file; a problem with the file is yielded as a rejection, not raised."""
    source = str(path)
    name = path.name.lower()
    try:
        data = _read_capped(path, source)
        if name.endswith(JSONL_SUFFIXES):
            yield from iter_jsonl(decode(data, source), source)
        elif name.endswith(HTML_SUFFIXES):
            yield RawItem(source=source, html=decode(data, source, declared_charset(data)))
        else:
            text = decode(data, source)
            if "<html" in text[:2048].lower() or "<!doctype html" in text[:2048].lower():
                yield RawItem(source=source, html=text)
            else:
                yield RawItem(source=source, text=text)
    except RejectedInput as rejection:
        yield rejection


def walk_folder(folder: Path, skipped: list[str]) -> Iterator[Path]:
    """Files of known kinds below ``folder``, recursively, in name order; hidden entries are passed over.

    A ``.jsonl`` file that does not carry documents (no ``text`` or ``html`` field, like a file of
    questions beside the pages) is passed over too and named in ``skipped``.
    """
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        name = path.name.lower()
        if not name.endswith(KNOWN_SUFFIXES):
            continue
        if name.endswith(JSONL_SUFFIXES) and not is_document_jsonl(path):
            skipped.append(f"{path}: JSON lines without a text or html field, not documents")
            continue
        yield path
