-- A story's lead vectors summed per language, so a new document's cosine with each language's
-- reports is held to that pair of languages' floor (stories.clustering.COSINE_FLOORS). The story's
-- single language (its first document's) goes: it held every report to one floor.

CREATE TABLE story_languages (
    story_id    INTEGER NOT NULL REFERENCES stories(id),
    language    TEXT NOT NULL,              -- the documents' language ('' when unknown)
    size        INTEGER NOT NULL,           -- documents in it, near-duplicates included
    vector_sum  BLOB NOT NULL,              -- float32 sum of their lead vectors
    PRIMARY KEY (story_id, language)
);

ALTER TABLE stories DROP COLUMN language;

-- Stories placed under one floor per story are placed again, in the order the documents came,
-- on the next command that opens the store (pipeline.backfill_stories); near-duplicates too.
DELETE FROM story_documents;
DELETE FROM stories;
DELETE FROM document_minhash;
UPDATE documents SET duplicate_of = NULL
