-- Documents, their sentences and the lexical index over sentence tokens.

CREATE TABLE documents (
    doc_id        TEXT PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,   -- sha256 of the input as given: the same input twice is one document
    source        TEXT NOT NULL,          -- path, URL or path:line it came from
    url           TEXT,
    external_id   TEXT,                   -- the "id" a JSON line carried, if any
    title         TEXT,
    published     TEXT,                   -- YYYY[-MM[-DD]]
    published_inferred INTEGER NOT NULL DEFAULT 0,
    language      TEXT NOT NULL,
    text          TEXT NOT NULL,          -- cleaned text; citations point into it
    duplicate_of  TEXT REFERENCES documents(doc_id),
    ingested_at   TEXT NOT NULL
);

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,         -- order within the document
    paragraph   INTEGER NOT NULL,
    start       INTEGER NOT NULL,         -- offsets in documents.text
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,            -- exactly documents.text[start:end]
    normalized  TEXT NOT NULL,            -- Simplified, NFKC, garbling repaired: what matching reads
    tokens      TEXT NOT NULL,            -- space-separated index tokens of normalized
    UNIQUE (doc_id, position)
);

-- BM25 over sentence tokens. Tokens are made by tidings (jieba), so the FTS tokenizer only has to
-- split on the spaces between them; '.', '-' and '_' stay inside tokens such as 7.2 or gpt-4.
CREATE VIRTUAL TABLE sentence_index USING fts5(
    tokens, content='sentences', content_rowid='id', tokenize="unicode61 remove_diacritics 0 tokenchars '.-_'"
);
CREATE VIRTUAL TABLE sentence_vocab USING fts5vocab(sentence_index, 'row');
