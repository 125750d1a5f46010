package org.chartecookies.admin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.chartecookies.admin.AuditReports.Outcome;
import org.chartecookies.admin.AuditReports.ReportFile;
import org.chartecookies.admin.AuditReports.Summary;
import org.chartecookies.audit.AuditReport;
import org.chartecookies.audit.Finding;
import org.chartecookies.audit.FindingKind;
import org.chartecookies.audit.SiteAudit;
import org.chartecookies.audit.VisitState;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audits' reports in the records' database, migrated as the application migrates it: each read back as written,
 * listed newest first per site, and checked against the SHA-256 recorded with each file. The same tests on H2 and on
 * PostgreSQL.
 */
abstract class AuditReportsContract {

	private static final Instant NOON = Instant.parse("2026-12-07T12:00:00.123Z");

	private JdbcClient jdbc;

	private AuditReports reports;

	abstract DataSource emptyDatabase();

	@BeforeEach
	void migrate() {
		DataSource database = emptyDatabase();
		Flyway.configure().dataSource(database).load().migrate();
		this.jdbc = JdbcClient.create(database);
		this.reports = new AuditReports(this.jdbc);
	}

	private static AuditReport report(Instant started, String cookie) {
		URI page = URI.create("https://www.example.org/");
		return new AuditReport(started, started.plusSeconds(20), List.of(),
				List.of(new Finding(FindingKind.UNDECLARED, VisitState.NONE, page, cookie, "www.example.org", "seen"),
						new Finding(FindingKind.UNDECLARED, VisitState.REFUSED, page, cookie, "www.example.org", "seen"),
						new Finding(FindingKind.NEVER_SEEN, null, null, "old", null, "never")),
				List.of());
	}

	private static SiteAudit.Files files(AuditReport report) {
		return new SiteAudit.Files(report, report.json().toString().getBytes(StandardCharsets.UTF_8),
				("<!DOCTYPE html><p>" + report.sha256() + "</p>").getBytes(StandardCharsets.UTF_8),
				"p { color: black; }".getBytes(StandardCharsets.UTF_8));
	}

	private Summary record(String site, Instant started, SiteAudit.Files files) {
		Summary summary = new Summary(UUID.randomUUID().toString(), site, "operator", started, files.report().finished(),
				1, Outcome.of(files.report()), null, AuditReports.counts(files.report().findings()),
				files.report().sha256());
		this.reports.insert(summary, files);
		return summary;
	}

	@Test
	void aReportIsReadBackAsWrittenAndIntact() {
		SiteAudit.Files files = files(report(NOON, "tracker"));
		Summary written = record("shop", NOON, files);

		assertThat(this.reports.find(written.id())).hasValue(written);
		assertThat(written.findings()).containsExactly(Map.entry("undeclared", 2), Map.entry("never-seen", 1));
		assertThat(written.outcome()).isEqualTo(Outcome.FINDINGS);
		assertThat(written.hasReport()).isTrue();
		assertThat(this.reports.file(written.id(), ReportFile.JSON)).hasValueSatisfying(
				(bytes) -> assertThat(bytes).isEqualTo(files.json()));
		assertThat(this.reports.file(written.id(), ReportFile.HTML)).hasValueSatisfying(
				(bytes) -> assertThat(bytes).isEqualTo(files.html()));
		assertThat(this.reports.file(written.id(), ReportFile.CSS)).hasValueSatisfying(
				(bytes) -> assertThat(bytes).isEqualTo(files.css()));
		assertThat(this.reports.check(written.id())).hasValueSatisfying((check) -> assertThat(check.intact()).isTrue());
		assertThat(this.reports.find(UUID.randomUUID().toString())).isEmpty();
		assertThat(this.reports.check(UUID.randomUUID().toString())).isEmpty();
	}

	@Test
	void aSitesAuditsAreListedNewestFirstAndOnlyItsOwn() {
		Summary older = record("shop", NOON, files(report(NOON, "a")));
		Summary newer = record("shop", NOON.plusSeconds(60), files(report(NOON.plusSeconds(60), "b")));
		record("blog", NOON.plusSeconds(120), files(report(NOON.plusSeconds(120), "c")));

		assertThat(this.reports.list("shop")).extracting(Summary::id).containsExactly(newer.id(), older.id());
		assertThat(this.reports.list("nowhere")).isEmpty();
	}

	@Test
	void theListHoldsTheNewestOnly() {
		for (int i = 0; i <= AuditReports.LISTED; i++) {
			record("shop", NOON.plusSeconds(i), files(report(NOON, "a")));
		}

		List<Summary> listed = this.reports.list("shop");

		assertThat(listed).hasSize(AuditReports.LISTED);
		assertThat(listed.get(0).startedAt()).isEqualTo(NOON.plusSeconds(AuditReports.LISTED).truncatedTo(ChronoUnit.MILLIS));
		assertThat(listed.get(AuditReports.LISTED - 1).startedAt()).isEqualTo(NOON.plusSeconds(1));
	}

	@Test
	void aScanThatCouldNotRunKeepsItsReasonAndHasNoFile() {
		Summary failed = new Summary(UUID.randomUUID().toString(), "shop", "operator", NOON, NOON.plusSeconds(1), 2,
				Outcome.COULD_NOT_RUN, "no Chromium on the PATH", Map.of(), null);

		this.reports.insert(failed, null);

		assertThat(this.reports.find(failed.id())).hasValue(failed);
		assertThat(failed.hasReport()).isFalse();
		assertThat(failed.outcomeId()).isEqualTo("could-not-run");
		assertThat(this.reports.file(failed.id(), ReportFile.HTML)).isEmpty();
		assertThat(this.reports.check(failed.id())).hasValueSatisfying((check) -> assertThat(check.altered()).isEmpty());
	}

	@Test
	void eachAlteredFileIsNamedInTheReportsOrder() {
		SiteAudit.Files files = files(report(NOON, "tracker"));
		Summary written = record("shop", NOON, files);

		this.jdbc.sql("UPDATE audit_report SET report_css = ? WHERE report_id = ?")
			.params("p { color: red; }".getBytes(StandardCharsets.UTF_8), written.id())
			.update();
		assertThat(this.reports.check(written.id())).hasValueSatisfying(
				(check) -> {
					assertThat(check.altered()).containsExactly("report.css");
					assertThat(check.intact()).isFalse();
				});

		// Its content changed, and its file's hash recomputed with it: the report's fingerprint still tells.
		byte[] json = new String(files.json(), StandardCharsets.UTF_8).replace("tracker", "cart")
			.getBytes(StandardCharsets.UTF_8);
		this.jdbc.sql("UPDATE audit_report SET report_json = ?, json_sha256 = ? WHERE report_id = ?")
			.params(json, AuditReport.sha256(json), written.id())
			.update();
		assertThat(this.reports.check(written.id())).hasValueSatisfying(
				(check) -> assertThat(check.altered()).containsExactly("report.json", "report.css"));

		this.jdbc.sql("UPDATE audit_report SET report_html = ? WHERE report_id = ?")
			.params("<p>fine</p>".getBytes(StandardCharsets.UTF_8), written.id())
			.update();
		assertThat(this.reports.check(written.id())).hasValueSatisfying(
				(check) -> assertThat(check.altered()).containsExactly("report.json", "report.html", "report.css"));
	}

}
