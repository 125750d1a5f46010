-- What the visitor was shown (README, "Consent records"): for a site, a language and a registry content, the banner as
-- rendered (each state a visitor acts on) and the charter, stored once as one UTF-8 document and named by the SHA-256
-- of its bytes, so that anyone can check an exported snapshot offline. Never per visitor.
-- Portable SQL: the same migration runs on H2 and PostgreSQL.
CREATE TABLE consent_snapshot (
    snapshot_hash     CHAR(64) NOT NULL PRIMARY KEY,
    site              VARCHAR(64) NOT NULL,
    language_tag      VARCHAR(8) NOT NULL,
    registry_revision INTEGER NOT NULL,
    first_shown_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    content           BYTEA NOT NULL
);

-- The snapshot each decision answered. The records written before have none (''); their hash is computed without it.
ALTER TABLE consent_record ADD COLUMN snapshot_hash VARCHAR(64) DEFAULT '' NOT NULL;

CREATE INDEX consent_record_snapshot_hash ON consent_record (snapshot_hash);
