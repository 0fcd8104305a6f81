-- Index tokens fold a Latin letter's accents (enrich.tokens.fold_accents): Temüjin is indexed as
-- temujin, where jieba cut it into tem, ü and jin. Documents holding such a letter are indexed
-- again with the new tokens when the store is next opened (tidings.open_store, which the command
-- line uses, calls pipeline.backfill_tokens).

CREATE TABLE documents_to_tokenize (
    doc_id  TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE
);

INSERT INTO documents_to_tokenize (doc_id)
    SELECT doc_id FROM documents
    WHERE text GLOB '*[À-ÖØ-öø-ɏḀ-ỿ]*' OR coalesce(title, '') GLOB '*[À-ÖØ-öø-ɏḀ-ỿ]*'
