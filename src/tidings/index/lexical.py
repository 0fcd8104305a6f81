"""BM25 search over sentence tokens, with SQLite's FTS5 (the index lives in the store's file)."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

from tidings.clean.normalize import normalize
from tidings.enrich.tokens import ENGLISH_MIN_ROOT, english_root, is_common_character, tokenize


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
    total = int(conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0])
    return TermStats(total, _sentence_frequencies(conn, tokens))


def _sentence_frequencies(conn: sqlite3.Connection, tokens: list[str]) -> dict[str, int]:
    """Sentences holding each of ``tokens`` that the index has seen."""
    unique = list(dict.fromkeys(tokens))
    if not unique:
        return {}
    marks = ",".join("?" * len(unique))
    rows = conn.execute(f"SELECT term, doc FROM sentence_vocab WHERE term IN ({marks})", unique)
    return {str(term): int(count) for term, count in rows}


def search_documents(conn: sqlite3.Connection, tokens: list[str], limit: int) -> list[tuple[int, float]]:
    """Documents (by rowid) matching any of ``tokens``, best BM25 over their whole text first."""
    return _bm25(conn, "document_index", tokens, limit)


def held(conn: sqlite3.Connection, phrases: list[str]) -> dict[str, str]:
    """The phrases the index holds, each as the index writes it.

    A Chinese word is held as its tokens in a row (卫理公会). An English gloss is held when each of
    its words is, looked up one by one (grammy award); a word the index lacks stands for the most
    used word that shares its root (immunity -> immune, incompetence -> incompetent). A single
    common Chinese character counts as held: answers match it inside longer words (购 in 采购),
    which the index, holding whole words, cannot look up."""
    out = {p: p for p in phrases if len(p) == 1 and not p.isascii() and is_common_character(p)}
    tokens_of = {p: tokenize(normalize(p)) for p in dict.fromkeys(phrases) if p not in out}
    seen = _sentence_frequencies(conn, [t for tokens in tokens_of.values() for t in tokens])
    for phrase, tokens in tokens_of.items():
        if not tokens:
            continue
        if not phrase.isascii():
            if all(t in seen for t in tokens) and (len(tokens) == 1 or _holds_phrase(conn, tokens)):
                out[phrase] = phrase
            continue
        words = [t if t in seen else _word_of_root(conn, t) for t in tokens]
        if all(words):
            out[phrase] = phrase if words == tokens else " ".join(w for w in words if w)
    return out


def _holds_phrase(conn: sqlite3.Connection, tokens: list[str]) -> bool:
    query = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
    sql = "SELECT 1 FROM sentence_index WHERE sentence_index MATCH ? LIMIT 1"
    return conn.execute(sql, (query,)).fetchone() is not None


def _word_of_root(conn: sqlite3.Connection, word: str) -> str | None:
    """The index's most used word with the root of English ``word``, if the root is long enough
    to say something (ENGLISH_MIN_ROOT)."""
    root = english_root(word)
    if len(root) < ENGLISH_MIN_ROOT:
        return None
    row = conn.execute(
        "SELECT term FROM sentence_vocab WHERE term >= ? AND term < ? ORDER BY doc DESC LIMIT 1",
        (root, root + "\uffff"),
    ).fetchone()
    return str(row[0]) if row else None
