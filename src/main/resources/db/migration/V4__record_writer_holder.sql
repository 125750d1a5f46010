-- One running instance writes a chain at a time (README, "Consent records"): the holder's random name, and a heartbeat
-- it raises every few seconds, by which an instance that starts with the same writer id tells a holder that died
-- (its heartbeat stands still) from one that runs. A chain whose holder stopped cleanly has none.
-- Portable SQL: the same migration runs on H2 and PostgreSQL.
ALTER TABLE record_writer ADD COLUMN holder VARCHAR(40);
ALTER TABLE record_writer ADD COLUMN heartbeat BIGINT DEFAULT 0 NOT NULL;
