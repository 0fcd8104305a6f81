"""BM25 search over sentence tokens, with SQLite's FTS5 (the index lives in the store's file)."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

from tidings.clean.normalize import normalize
from tidings.enrich.tokens import tokenize


@dataclass(frozen=True)
class Hit:
    sentence_id: int
    score: float  # BM25, higher is better


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _bm25(conn: sqlite3.Connection, table: str, tokens: list[str], limit: int) -> list[tuple[int, float]]:
    """Rows of an FTS5 ``table`` matching any of ``tokens``: (rowid, BM25), best first."""
    unique = list(dict.fromkeys(t for t in tokens if t))
    if not unique:
        return []
    query = " OR ".join(_quote(t) for t in unique)
    rows = conn.execute(
        f"SELECT rowid, bm25({table}) AS rank FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    ).fetchall()
    # FTS5's bm25() is negated so that ORDER BY ascending ranks best first.
    return [(int(r[0]), -float(r[1])) for r in rows]


def search(conn: sqlite3.Connection, tokens: list[str], limit: int) -> list[Hit]:
    """Sentences matching any of ``tokens``, best BM25 first."""
    return [Hit(rowid, score) for rowid, score in _bm25(conn, "sentence_index", tokens, limit)]


@dataclass(frozen=True)
class TermStats:
    sentences: int  # sentences in the index
    df: dict[str, int]  # sentences containing each term

    def idf(self, term: str) -> float:
        """BM25's idf; a term the index has never seen gets the largest idf there is."""
        n = max(self.sentences, 1)
        df = self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def term_stats(conn: sqlite3.Connection, tokens: list[str]) -> TermStats:
    unique = list(dict.fromkeys(tokens))
    total = int(conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0])
    df: dict[str, int] = {}
    if unique:
        marks = ",".join("?" * len(unique))
        for term, count in conn.execute(
            f"SELECT term, doc FROM sentence_vocab WHERE term IN ({marks})", unique
        ):
            df[str(term)] = int(count)
    return TermStats(total, df)


def search_documents(conn: sqlite3.Connection, tokens: list[str], limit: int) -> list[tuple[int, float]]:
    """Documents (by rowid) matching any of ``tokens``, best BM25 over their whole text first."""
    return _bm25(conn, "document_index", tokens, limit)


def held(conn: sqlite3.Connection, phrases: list[str]) -> set[str]:
    """The phrases the index holds: a Chinese word as its tokens in a row (卫理公会); an English
    gloss when each of its words occurs (grammy award: the words are looked up one by one).

    A single Chinese character counts as held: answers match it inside longer words (购 in 采购),
    which the index, holding whole words, cannot look up."""
    out = {p for p in phrases if len(p) == 1 and not p.isascii()}
    tokens_of = {p: tokenize(normalize(p)) for p in dict.fromkeys(phrases) if p not in out}
    seen = term_stats(conn, [t for tokens in tokens_of.values() for t in tokens]).df
    for phrase, tokens in tokens_of.items():
        if not tokens or not all(t in seen for t in tokens):
            continue
        if len(tokens) > 1 and not phrase.isascii() and not _holds_phrase(conn, tokens):
            continue
        out.add(phrase)
    return out


def _holds_phrase(conn: sqlite3.Connection, tokens: list[str]) -> bool:
    query = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
    sql = "SELECT 1 FROM sentence_index WHERE sentence_index MATCH ? LIMIT 1"
    return conn.execute(sql, (query,)).fetchone() is not None
