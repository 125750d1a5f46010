package org.chartecookies.audit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report's files in its folder: {@code report.json} (for machines and for the record), {@code report.html} for
 * people (Thymeleaf, no script, no inline style: its stylesheet is {@code report.css} beside it, so it opens under a
 * strict Content-Security-Policy, and prints).
 */
final class ReportFiles {

	static final String JSON_FILE = "report.json";

	static final String HTML_FILE = "report.html";

	static final String CSS_FILE = "report.css";

	private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** The kinds in words, for people. */
	static final Map<FindingKind, String> KINDS = Map.of(FindingKind.UNDECLARED, "Cookie missing from the charter",
			FindingKind.BEFORE_CONSENT, "Set before the visitor chose", FindingKind.AFTER_REFUSAL,
			"Set although the visitor refused", FindingKind.LIFETIME_OVER_DECLARED, "Lives longer than the charter says",
			FindingKind.LIFETIME_OVER_13_MONTHS, "Cookie exempt from consent living over 13 months",
			FindingKind.NEVER_SEEN, "In the charter, never seen");

	/** The states in words. */
	static final Map<VisitState, String> STATES = Map.of(VisitState.NONE, "Before any choice (no decision)",
			VisitState.REFUSED, "After refusing everything", VisitState.ACCEPTED, "After accepting everything");

	private ReportFiles() {
	}

	/** Writes the three files (replacing a previous report's) and answers the report's SHA-256. */
	static String write(AuditReport report, Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve(JSON_FILE), json(report));
		Files.writeString(folder.resolve(HTML_FILE), html(report));
		Files.write(folder.resolve(CSS_FILE), css());
		return report.sha256();
	}

	/** {@code report.json} as written. */
	static String json(AuditReport report) {
		return PRETTY.writeValueAsString(report.json()) + "\n";
	}

	/** {@code report.css} as written: the same for every report of this version. */
	static byte[] css() throws IOException {
		try (InputStream css = ReportFiles.class.getClassLoader().getResourceAsStream("audit/report.css")) {
			return css.readAllBytes();
		}
	}

	/** One state's findings on one page. */
	public record PageFindings(URI page, List<Finding> findings) {
	}

	/** One state's findings, page by page. */
	public record StateFindings(VisitState state, String title, List<PageFindings> pages) {
	}

	static String html(AuditReport report) {
		List<StateFindings> states = new ArrayList<>();
		for (VisitState state : VisitState.values()) {
			List<PageFindings> pages = new ArrayList<>();
			for (AuditReport.PageReport page : report.pages()) {
				List<Finding> these = report.findings()
					.stream()
					.filter((finding) -> finding.state() == state && page.url().equals(finding.page()))
					.toList();
				if (!these.isEmpty()) {
					pages.add(new PageFindings(page.url(), these));
				}
			}
			states.add(new StateFindings(state, STATES.get(state), pages));
		}
		Context context = new Context();
		context.setVariable("report", report);
		context.setVariable("states", states);
		context.setVariable("stateNames", STATES);
		context.setVariable("kinds", KINDS);
		context.setVariable("neverSeen",
				report.findings().stream().filter((finding) -> !finding.kind().fails()).toList());
		context.setVariable("problems", report.pages()
			.stream()
			.flatMap((page) -> page.visits().stream())
			.filter(PageVisit::failed)
			.toList());
		context.setVariable("unobserved", report.pages()
			.stream()
			.flatMap((page) -> page.visits().stream())
			.filter((visit) -> !visit.unobservedHosts().isEmpty())
			.toList());
		context.setVariable("sha256", report.sha256());
		context.setVariable("started", WHEN.format(report.started()));
		context.setVariable("finished", WHEN.format(report.finished()));
		context.setVariable("when", (java.util.function.Function<Instant, String>) WHEN::format);
		return engine().process("report", context);
	}

	private static SpringTemplateEngine engine() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportFiles.class.getClassLoader());
		resolver.setPrefix("audit/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCacheable(false);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setEnableSpringELCompiler(false);
		return engine;
	}

}
