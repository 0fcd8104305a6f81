-- Entities (one per real person, organisation, place or product), the names they go by, where
-- they are mentioned, and the facts read from sentences.

CREATE TABLE entities (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,              -- the name used most often
    type      TEXT NOT NULL,              -- PER, ORG, LOC or PRODUCT
    mentions  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE entity_names (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    key       TEXT NOT NULL,              -- names.name_key(): no dots or spaces, Latin lower-cased
    surface   TEXT NOT NULL,              -- as written (normalised: Simplified, NFKC)
    kind      TEXT NOT NULL,              -- full (a name of its own), part (of a fuller name), gloss (the gazetteer's English)
    mentions  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, surface, kind)
);
CREATE INDEX entity_names_key ON entity_names(key);

CREATE TABLE mentions (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,           -- the sentence
    start     INTEGER NOT NULL,           -- offsets in the sentence's normalised text
    "end"     INTEGER NOT NULL,
    surface   TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id)
);
CREATE INDEX mentions_entity ON mentions(entity_id, doc_id);
CREATE INDEX mentions_doc ON mentions(doc_id, position);

CREATE TABLE facts (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,         -- the sentence that states it
    entity_id   INTEGER REFERENCES entities(id),
    subject     TEXT NOT NULL,            -- the subject as written
    attribute   TEXT NOT NULL,            -- funding, valuation, acquisition, founded, lawsuit, joined, left, revenue, count...
    value       TEXT NOT NULL,            -- as written: 不到4500万美元, 2月29日
    normalized  TEXT NOT NULL,            -- < 45,000,000 USD, 2024-02-29
    amount      REAL,                     -- amounts: value, unit, bound (= ~ < > <= >=)
    unit        TEXT,
    bound       TEXT,
    date        TEXT,                     -- when it happened, YYYY[-MM[-DD]], if the sentence says
    local_time  INTEGER NOT NULL DEFAULT 0,
    claimed_by  TEXT                      -- who the source says claims it (OpenAI称, 马斯克表示)
);
CREATE INDEX facts_entity ON facts(entity_id, attribute);

-- 1 once a document's entities and facts are read; older documents are read on the next ingest.
ALTER TABLE documents ADD COLUMN entities_read INTEGER NOT NULL DEFAULT 0
