"""tidings: self-hosted news intelligence for Chinese and English, every answer cited.

The public API is small::

    import tidings
    with tidings.open_store("news.db") as store:
        tidings.ingest(store, ["pages/", "https://example.com/story.html"])
        answer = tidings.ask(store, "马斯克向OpenAI捐了多少钱?")
        stories = tidings.list_stories(store)
        disputes = tidings.find_disputes(store)
"""

from tidings.answer import DEFAULT_MIN_CONFIDENCE, ask
from tidings.errors import RejectedInput, StoreError, TidingsError, UnknownDocument
from tidings.models import Answer, Citation, Dispute, IngestReport
from tidings.pipeline import backfill_tokens, ingest
from tidings.store import SQLiteStore
from tidings.stories import find_disputes, list_stories, timeline

__version__ = "0.1.0"


def open_store(path: str) -> SQLiteStore:
    """Open (creating and migrating if needed) the embedded store at ``path``. Documents an older
    version indexed under other tokens are indexed again first (quick: no embedding), so that
    questions, tokenized the new way, match them."""
    store = SQLiteStore.open(path)
    backfill_tokens(store)
    return store


__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "Answer",
    "Citation",
    "Dispute",
    "IngestReport",
    "RejectedInput",
    "SQLiteStore",
    "StoreError",
    "TidingsError",
    "UnknownDocument",
    "ask",
    "find_disputes",
    "ingest",
    "list_stories",
    "open_store",
    "timeline",
]
