-- One vector per document for its title and lead: finds the right article when the question is
-- about the whole of it rather than one passage.
CREATE TABLE document_vectors (
    doc_id  TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    vector  BLOB NOT NULL       -- 384 float16, L2-normalised
);
