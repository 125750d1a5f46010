-- Whether the form a decision came with named the snapshot it answered (docs/records.md, "What the visitor was shown"):
-- false when it came without one (a script's own post, an unknown or malformed value), the record then naming the
-- snapshot current for its site and language; false for the records written before there were snapshots, which have
-- none. Part of a record's hashed content from record format v3 on.
-- Portable SQL: the same migration runs on H2 and PostgreSQL.
ALTER TABLE consent_record ADD COLUMN snapshot_named BOOLEAN DEFAULT FALSE NOT NULL;
