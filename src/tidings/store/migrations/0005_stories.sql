-- Near-duplicates (MinHash signatures), stories and the documents in them, and the dates read
-- from sentences (what timelines are made of).

CREATE TABLE document_minhash (
    doc_id     TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    signature  BLOB NOT NULL                -- stories.duplicates.NUM_PERM uint32 values
);

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    size        INTEGER NOT NULL DEFAULT 0, -- documents, near-duplicates included
    vector_sum  BLOB NOT NULL,              -- float32 sum of its documents' lead vectors
    term_sum    TEXT NOT NULL DEFAULT '{}', -- JSON: sum of its documents' lead tf-idf vectors
    language    TEXT NOT NULL DEFAULT '',   -- its first document's
    first_seen  TEXT,                       -- YYYY[-MM[-DD]] of its earliest and latest documents
    last_seen   TEXT
);

CREATE TABLE story_documents (
    doc_id    TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    story_id  INTEGER NOT NULL REFERENCES stories(id)
);
CREATE INDEX story_documents_story ON story_documents(story_id);

CREATE TABLE sentence_dates (
    doc_id      TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,           -- the sentence
    expression  TEXT NOT NULL,              -- as written (normalised): 当地时间2月29日晚间
    value       TEXT NOT NULL,              -- YYYY, YYYY-MM or YYYY-MM-DD
    local_time  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sentence_dates_doc ON sentence_dates(doc_id, position);

-- How many documents hold each index token (the idf of story term vectors).
CREATE VIRTUAL TABLE document_vocab USING fts5vocab(document_index, 'row')
;

-- Schema 4 never left development: its entities are read again, with their dates, on the next
-- ingest (documents.entities_read = 0), so every document gets the same treatment.
DELETE FROM facts;
DELETE FROM mentions;
DELETE FROM entity_names;
DELETE FROM entities;
UPDATE documents SET entities_read = 0
