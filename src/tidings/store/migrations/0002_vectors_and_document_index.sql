-- Passage vectors for semantic retrieval, and a document-level BM25 index.

CREATE TABLE passages (
    id      INTEGER PRIMARY KEY,
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    first   INTEGER NOT NULL,   -- positions of its first and last sentence
    last    INTEGER NOT NULL,
    vector  BLOB NOT NULL       -- 384 float16, L2-normalised (multilingual-e5-small)
);
CREATE INDEX passages_by_doc ON passages(doc_id, first);

-- Whole-document tokens (title and every sentence), rowid = documents.rowid. Ranks documents
-- better than the best single sentence does when a question's words are spread over a paragraph.
CREATE VIRTUAL TABLE document_index USING fts5(
    tokens, tokenize="unicode61 remove_diacritics 0 tokenchars '.-_'"
);
INSERT INTO document_index (rowid, tokens)
    SELECT d.rowid, (SELECT group_concat(s.tokens, ' ') FROM sentences s WHERE s.doc_id = d.doc_id)
    FROM documents d;

