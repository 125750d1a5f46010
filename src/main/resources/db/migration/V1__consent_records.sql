-- Consent records (README, "Consent records"). Portable SQL: the same migration runs on H2 and PostgreSQL.

-- One row per writer (a running instance): where its chain stands, and where the retention purge cut it.
CREATE TABLE record_writer (
    writer_id       VARCHAR(40) NOT NULL PRIMARY KEY,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    head_sequence   BIGINT NOT NULL,
    head_hash       CHAR(64) NOT NULL,
    -- The last record removed by the purge, and its hash: the first remaining record chains to it.
    cut_sequence    BIGINT NOT NULL,
    cut_hash        CHAR(64) NOT NULL,
    cut_at          TIMESTAMP WITH TIME ZONE
);

-- Append-only: the application inserts and, after the retention period, deletes the oldest; it never updates one.
CREATE TABLE consent_record (
    writer_id         VARCHAR(40) NOT NULL REFERENCES record_writer (writer_id),
    record_sequence   BIGINT NOT NULL,
    consent_id        VARCHAR(22) NOT NULL,
    decided_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    registry_revision INTEGER NOT NULL,
    decision          VARCHAR(16) NOT NULL,
    choices           VARCHAR(10000) NOT NULL,
    gpc               BOOLEAN NOT NULL,
    language_tag      VARCHAR(8) NOT NULL,
    page_path         VARCHAR(2048) NOT NULL,
    previous_hash     CHAR(64) NOT NULL,
    record_hash       CHAR(64) NOT NULL,
    PRIMARY KEY (writer_id, record_sequence)
);

CREATE UNIQUE INDEX consent_record_consent_id ON consent_record (consent_id);
CREATE INDEX consent_record_decided_at ON consent_record (decided_at);
