-- Several sites from one deployment (README, "Several sites"): each record names the site it was made on (its
-- registry file's name). The records written before have none (''); their hash is computed without it, as it was.
-- Portable SQL: the same migration runs on H2 and PostgreSQL.
ALTER TABLE consent_record ADD COLUMN site VARCHAR(64) DEFAULT '' NOT NULL;

CREATE INDEX consent_record_site_decided_at ON consent_record (site, decided_at);
