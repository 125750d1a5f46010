-- The audits started from the back office (docs/audit.md): one row per scan, written once when it ends, never updated.
-- A report's three files are kept as they were written, with the SHA-256 of each and the report's own fingerprint
-- (the sha256 member of its report.json), so that the audit of a given date can be shown later and checked unchanged.
-- A scan that could not run keeps its reason and no file. Portable SQL: the same migration runs on H2 and PostgreSQL.
CREATE TABLE audit_report (
    report_id      CHAR(36) NOT NULL PRIMARY KEY,
    site           VARCHAR(64) NOT NULL,
    started_by     VARCHAR(100) NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    pages          INTEGER NOT NULL,
    outcome        VARCHAR(16) NOT NULL,
    reason         VARCHAR(2000),
    finding_counts VARCHAR(1000) NOT NULL,
    report_sha256  CHAR(64),
    json_sha256    CHAR(64),
    html_sha256    CHAR(64),
    css_sha256     CHAR(64),
    report_json    BYTEA,
    report_html    BYTEA,
    report_css     BYTEA
);

CREATE INDEX audit_report_site_started ON audit_report (site, started_at);
