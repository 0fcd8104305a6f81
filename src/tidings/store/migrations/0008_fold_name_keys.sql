-- Name keys fold a Latin letter's accents (enrich.names.name_key), as index tokens do since 0007:
-- a new document that writes Erdogan links to the stored Erdoğan. fold_accents is the Python
-- function the store registers on its connection. Two entities whose keys now fold to one keep
-- their names; a key two entities share names neither, as a shared surname does.

UPDATE entity_names SET key = fold_accents(key) WHERE key != fold_accents(key)
