"""Shared fixtures. Tests that read ../shared/data are marked ``seeds`` and skip when it is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import tidings
from tidings.store import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = SHARED_DATA / "seeds"
SAMPLES = ROOT / "src" / "tidings" / "samples" / "bluetide.jsonl"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SEEDS.exists():
        return
    skip = pytest.mark.skip(reason=f"{SEEDS} not found")
    for item in items:
        if "seeds" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with tidings.open_store(str(tmp_path / "t.db")) as s:
        yield s


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    """The shipped sample corpus, ingested once for the whole session."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with tidings.open_store(str(path)) as s:
        report = tidings.ingest(s, [str(SAMPLES)])
        assert report.ingested == 13 and not report.rejected
        yield s


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} not found")
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with tidings.open_store(str(path)) as s:
        tidings.ingest(s, [str(SEEDS)])
        yield s
