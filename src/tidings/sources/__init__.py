"""Sources: turn what the user names (paths, folders, ``-``, URLs) into raw items.

Every problem with one input becomes a :class:`~tidings.errors.RejectedInput` yielded in its
place, so the caller can report it and go on with the rest of the batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tidings.errors import RejectedInput
from tidings.models import RawItem
from tidings.sources.decode import decode
from tidings.sources.files import read_file, walk_folder
from tidings.sources.http import HttpFetcher
from tidings.sources.jsonlines import iter_jsonl

SourceResult = RawItem | RejectedInput

__all__ = ["HttpFetcher", "SourceResult", "iter_sources"]


def iter_sources(
    inputs: Iterable[str],
    stdin: BinaryIO | None = None,
    fetcher: HttpFetcher | None = None,
    skipped: list[str] | None = None,
) -> Iterator[SourceResult]:
    """Yield the raw items of every input, in order. ``-`` reads JSON lines from ``stdin``."""
    skipped = skipped if skipped is not None else []
    own_fetcher = None
    try:
        for spec in inputs:
            if spec == "-":
                data = (stdin or sys.stdin.buffer).read()
                try:
                    yield from iter_jsonl(decode(data, "<stdin>"), "<stdin>")
                except RejectedInput as rejection:
                    yield rejection
            elif spec.startswith(("http://", "https://")):
                if fetcher is None:
                    fetcher = own_fetcher = HttpFetcher()
                try:
                    yield fetcher.fetch(spec)
                except RejectedInput as rejection:
                    yield rejection
            else:
                path = Path(spec)
                if path.is_dir():
                    for file in walk_folder(path, skipped):
                        yield from read_file(file)
                elif path.exists():
                    yield from read_file(path)
                else:
                    yield RejectedInput(spec, "no such file, folder or URL")
    finally:
        if own_fetcher is not None:
            own_fetcher.close()
