package org.chartecookies.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.chartecookies.audit.AuditReport;
import org.chartecookies.audit.Finding;
import org.chartecookies.audit.FindingKind;
import org.chartecookies.audit.SiteAudit;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audits' reports in the records' database ({@code audit_report}): each written once, when its scan ends, and
 * never updated; read back as stored, each file checked against the SHA-256 recorded with it.
 */
class AuditReports {

	/** The most reports a site's list shows, newest first. */
	static final int LISTED = 100;

	private static final String SUMMARY = "report_id, site, started_by, started_at, finished_at, pages, outcome, reason,"
			+ " finding_counts, report_sha256";

	private final JdbcClient jdbc;

	AuditReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** How a scan ended: its report's verdict (the command's exit status), or that it could not run. */
	enum Outcome {

		CLEAN, FINDINGS, INCOMPLETE, COULD_NOT_RUN;

		static Outcome of(AuditReport report) {
			return switch (report.exitStatus()) {
				case 0 -> CLEAN;
				case 1 -> FINDINGS;
				default -> INCOMPLETE;
			};
		}

		/** The name stored and shown in messages' keys ({@code could-not-run}). */
		String id() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

		static Outcome ofId(String id) {
			return valueOf(id.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
		}

	}

	/**
	 * One audit as listed.
	 *
	 * @param findings how many findings of each kind, in the kinds' order, the kinds found only
	 * @param reason why it could not run, or null
	 * @param sha256 the report's fingerprint (its report.json's {@code sha256}), null when it could not run
	 */
	record Summary(String id, String site, String startedBy, Instant startedAt, Instant finishedAt, int pages,
			Outcome outcome, @Nullable String reason, Map<String, Integer> findings, @Nullable String sha256) {

		/** The outcome's id, for the templates. */
		public String outcomeId() {
			return this.outcome.id();
		}

		public boolean hasReport() {
			return this.outcome != Outcome.COULD_NOT_RUN;
		}

	}

	/** One of a report's files, as stored. */
	enum ReportFile {

		JSON("report_json", "json_sha256"), HTML("report_html", "html_sha256"), CSS("report_css", "css_sha256");

		private final String column;

		private final String hashColumn;

		ReportFile(String column, String hashColumn) {
			this.column = column;
			this.hashColumn = hashColumn;
		}

		/** Its name as the command writes it ({@code report.html}). */
		String fileName() {
			return "report." + name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * What reading a stored report back found.
	 *
	 * @param altered the files whose bytes no longer give the SHA-256 recorded with them (the JSON also when its
	 * content no longer gives the report's recorded fingerprint), by name; empty when the report is as written
	 */
	record Check(List<String> altered) {

		public boolean intact() {
			return this.altered.isEmpty();
		}

	}

	/** Records a scan's end: its report's files, or the reason it could not run (then {@code files} is null). */
	void insert(Summary summary, SiteAudit.@Nullable Files files) {
		this.jdbc.sql("INSERT INTO audit_report (" + SUMMARY + ", json_sha256, html_sha256, css_sha256, report_json,"
				+ " report_html, report_css) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(summary.id(), summary.site(), summary.startedBy(), Timestamp.from(summary.startedAt()),
					Timestamp.from(summary.finishedAt()), summary.pages(), summary.outcome().id(), summary.reason(),
					counts(summary.findings()), summary.sha256(),
					(files != null) ? AuditReport.sha256(files.json()) : null,
					(files != null) ? AuditReport.sha256(files.html()) : null,
					(files != null) ? AuditReport.sha256(files.css()) : null, (files != null) ? files.json() : null,
					(files != null) ? files.html() : null, (files != null) ? files.css() : null)
			.update();
	}

	/** A site's audits, newest first, the {@value #LISTED} newest at most. */
	List<Summary> list(String site) {
		return this.jdbc
			.sql("SELECT " + SUMMARY + " FROM audit_report WHERE site = ? ORDER BY started_at DESC, report_id"
					+ " FETCH FIRST " + LISTED + " ROWS ONLY")
			.param(site)
			.query(AuditReports::summary)
			.list();
	}

	Optional<Summary> find(String id) {
		return this.jdbc.sql("SELECT " + SUMMARY + " FROM audit_report WHERE report_id = ?")
			.param(id)
			.query(AuditReports::summary)
			.optional();
	}

	/** A file of a report, as stored; empty when there is no such report, or it could not run. */
	Optional<byte[]> file(String id, ReportFile file) {
		return this.jdbc.sql("SELECT " + file.column + " FROM audit_report WHERE report_id = ?")
			.param(id)
			.query((row, number) -> Optional.ofNullable(row.getBytes(1)))
			.optional()
			.flatMap((bytes) -> bytes);
	}

	/** Each file of a report against the SHA-256 recorded with it; empty when there is no such report. */
	Optional<Check> check(String id) {
		return this.jdbc
			.sql("SELECT report_sha256, json_sha256, html_sha256, css_sha256, report_json, report_html, report_css"
					+ " FROM audit_report WHERE report_id = ?")
			.param(id)
			.query((row, number) -> {
				List<String> altered = new java.util.ArrayList<>();
				for (ReportFile file : ReportFile.values()) {
					byte[] bytes = row.getBytes(file.column);
					boolean changed = bytes != null && (!AuditReport.sha256(bytes).equals(row.getString(file.hashColumn))
							|| file == ReportFile.JSON
									&& !Objects.equals(AuditReport.fingerprint(bytes), row.getString("report_sha256")));
					if (changed) {
						altered.add(file.fileName());
					}
				}
				return new Check(List.copyOf(altered));
			})
			.optional();
	}

	/** The findings of a report counted by kind, the kinds found only, in the kinds' order. */
	static Map<String, Integer> counts(List<Finding> findings) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (FindingKind kind : FindingKind.values()) {
			int count = (int) findings.stream().filter((finding) -> finding.kind() == kind).count();
			if (count > 0) {
				counts.put(kind.id(), count);
			}
		}
		return counts;
	}

	/** {@code undeclared=6,never-seen=1}, as stored. */
	private static String counts(Map<String, Integer> counts) {
		return String.join(",", counts.entrySet().stream().map((count) -> count.getKey() + "=" + count.getValue()).toList());
	}

	private static Summary summary(ResultSet row, int number) throws SQLException {
		Map<String, Integer> findings = new LinkedHashMap<>();
		for (String count : row.getString("finding_counts").split(",")) {
			String[] kindCount = count.split("=", 2);
			if (kindCount.length == 2) {
				findings.put(kindCount[0], Integer.parseInt(kindCount[1]));
			}
		}
		return new Summary(row.getString("report_id").strip(), row.getString("site"), row.getString("started_by"),
				row.getTimestamp("started_at").toInstant(), row.getTimestamp("finished_at").toInstant(),
				row.getInt("pages"), Outcome.ofId(row.getString("outcome")), row.getString("reason"), findings,
				(row.getString("report_sha256") != null) ? row.getString("report_sha256").strip() : null);
	}

}
