package org.chartecookies.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit command against the fixture platform: every violation seeded on it (by an HTTP header and by a script,
 * first and third party) is found with its kind and state, nothing is found on its clean pages, and the report
 * holds the evidence, the suggestions and its own fingerprint. A page that cannot be audited is reported, and the
 * audit says it is incomplete.
 */
class FixtureAuditTest {

	private static FixturePlatform platform;

	@BeforeAll
	static void start() throws IOException {
		Browsers.chromium();
		platform = new FixturePlatform();
	}

	@AfterAll
	static void stop() throws IOException {
		if (platform != null) {
			platform.close();
		}
	}

	/** What the seeded pages must give: page, state, kind, cookie (or - for a host), host. */
	private static final List<String> SEEDED = List.of(
			"/seed/undeclared-header none undeclared undeclared_h 127.0.0.1",
			"/seed/undeclared-header refused undeclared undeclared_h 127.0.0.1",
			"/seed/undeclared-header accepted undeclared undeclared_h 127.0.0.1",
			"/seed/undeclared-js none undeclared undeclared_js 127.0.0.1",
			"/seed/undeclared-js refused undeclared undeclared_js 127.0.0.1",
			"/seed/undeclared-js accepted undeclared undeclared_js 127.0.0.1",
			"/seed/before-consent-header none before-consent _pk_id.1.h 127.0.0.1",
			"/seed/before-consent-header refused after-refusal _pk_id.1.h 127.0.0.1",
			"/seed/before-consent-js none before-consent _pk_ses.1.js 127.0.0.1",
			"/seed/before-consent-js refused after-refusal _pk_ses.1.js 127.0.0.1",
			"/seed/before-consent-third-party none before-consent tp_id 127.0.0.2",
			"/seed/before-consent-third-party none before-consent - 127.0.0.2",
			"/seed/before-consent-third-party refused after-refusal tp_id 127.0.0.2",
			"/seed/before-consent-third-party refused after-refusal - 127.0.0.2",
			"/seed/after-refusal-header refused after-refusal _pk_id.2.h 127.0.0.1",
			"/seed/after-refusal-js refused after-refusal _pk_ses.2.js 127.0.0.1",
			"/seed/lifetime-header none lifetime-over-declared sessionid 127.0.0.1",
			"/seed/lifetime-header refused lifetime-over-declared sessionid 127.0.0.1",
			"/seed/lifetime-header accepted lifetime-over-declared sessionid 127.0.0.1",
			"/seed/lifetime-js none lifetime-over-declared django_language 127.0.0.1",
			"/seed/lifetime-js refused lifetime-over-declared django_language 127.0.0.1",
			"/seed/lifetime-js accepted lifetime-over-declared django_language 127.0.0.1",
			"/seed/thirteen-months-header none lifetime-over-13-months long_pref 127.0.0.1",
			"/seed/thirteen-months-header refused lifetime-over-13-months long_pref 127.0.0.1",
			"/seed/thirteen-months-header accepted lifetime-over-13-months long_pref 127.0.0.1",
			"/seed/thirteen-months-js none lifetime-over-13-months js_long_pref 127.0.0.1",
			"/seed/thirteen-months-js refused lifetime-over-13-months js_long_pref 127.0.0.1",
			"/seed/thirteen-months-js accepted lifetime-over-13-months js_long_pref 127.0.0.1");

	private String out;

	private String err;

	private int audit(Path report, List<String> pages, String... more) {
		List<String> args = new ArrayList<>(List.of("--charte.registry.location=" + AuditFixtures.REGISTRY,
				"--charte.audit.pages=" + String.join(",", pages), "--charte.audit.report=" + report));
		args.addAll(List.of(more));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = AuditCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		this.out = out.toString(StandardCharsets.UTF_8);
		this.err = err.toString(StandardCharsets.UTF_8);
		return status;
	}

	@Test
	void everySeededViolationIsFoundWithItsKindAndStateAndTheCleanPagesHaveNone(@TempDir Path report)
			throws IOException {
		List<String> pages = new ArrayList<>();
		SEEDED.stream().map((line) -> line.split(" ")[0]).distinct().forEach((path) -> pages.add(platform.page(path).toString()));
		platform.cleanPages(4).forEach((page) -> pages.add(page.toString()));

		int status = audit(report, pages);

		assertThat(this.err).isEmpty();
		assertThat(status).isEqualTo(1);
		JsonNode json = JsonMapper.builder().build().readTree(report.resolve("report.json").toFile());
		Set<String> found = new HashSet<>();
		Set<String> neverSeen = new HashSet<>();
		for (JsonNode finding : json.path("findings")) {
			if (finding.path("kind").asString().equals("never-seen")) {
				neverSeen.add(finding.path("cookie").asString());
				continue;
			}
			String page = java.net.URI.create(finding.path("page").asString()).getPath();
			found.add(page + " " + finding.path("state").asString() + " " + finding.path("kind").asString() + " "
					+ finding.path("cookie").asString("-") + " " + finding.path("host").asString());
		}
		// Found / seeded = 1 for every kind, and nothing else: no finding on a clean page.
		assertThat(found).containsExactlyInAnyOrderElementsOf(SEEDED);
		assertThat(neverSeen).containsExactly("never_set");
		assertThat(json.path("pages")).hasSize(pages.size());
		assertThat(json.path("pages").get(0).path("visits")).extracting((visit) -> visit.path("state").asString())
			.containsExactly("none", "refused", "accepted");
		assertThat(json.path("suggestions")).extracting((suggestion) -> suggestion.path("cookie").asString())
			.containsExactly("undeclared_h", "undeclared_js");
		assertThat(this.out).contains("undeclared: 6", "never-seen: 1", "28 findings.");
	}

	@Test
	void theReportCarriesItsFingerprintAndItsHtmlNeedsNoScriptNorInlineStyle(@TempDir Path report) throws IOException {
		int status = audit(report, List.of(platform.page("/clean/1").toString(), platform.page("/seed/undeclared-js").toString()));

		assertThat(status).isEqualTo(1);
		ObjectNode json = (ObjectNode) JsonMapper.builder().build().readTree(report.resolve("report.json").toFile());
		String recorded = json.remove("sha256").asString();
		assertThat(recorded).isEqualTo(AuditReport.sha256(JsonMapper.builder().build().writeValueAsString(json)))
			.hasSize(64);
		assertThat(json.path("started").asString()).isNotBlank();
		String html = Files.readString(report.resolve("report.html"));
		assertThat(html).contains("<link rel=\"stylesheet\" href=\"report.css\">", recorded,
				"Cookie missing from the charter", "undeclared_js", "Suggested charter entries", "PROPOSAL")
			.doesNotContain("<script", "style=", "<style")
			.doesNotContainPattern("\\son[a-z]+=");
		assertThat(report.resolve("report.css")).isNotEmptyFile();
		assertThat(this.out).contains("Report: ", recorded);
		// Which registry the pages were checked against: the command's first line, and the report.
		assertThat(this.out.lines().findFirst()).hasValue("Registry: the file " + AuditFixtures.REGISTRY);
		assertThat(json.path("registry").asString()).isEqualTo("the file " + AuditFixtures.REGISTRY);
		assertThat(html).contains("Checked against", "the file " + AuditFixtures.REGISTRY,
				"Chromium keeps a cookie 400 days at most");
	}

	@Test
	void cleanPagesExitZero(@TempDir Path report) {
		int status = audit(report, platform.cleanPages(2).stream().map(Object::toString).toList());

		assertThat(status).as(this.out).isEqualTo(0);
		assertThat(this.out).contains("Clean: no finding");
	}

	@Test
	void aPageThatCannotBeAuditedIsReportedWithinItsTimeAndTheAuditIsIncomplete(@TempDir Path report)
			throws IOException {
		long start = System.nanoTime();

		int status = audit(report, List.of(platform.page("/clean/1").toString(), platform.page("/redirect-away").toString(),
				platform.silentPage().toString(), platform.page("/seed/undeclared-js").toString()),
				"--charte.audit.page-timeout=3s");

		assertThat(status).isEqualTo(2);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
		assertThat(this.out).contains("Not audited: " + platform.page("/redirect-away") + " (none): redirected to another host",
				"Not audited: " + platform.silentPage() + " (accepted): no answer within 3 s");
		// The pages that could be audited still count: the undeclared cookie in each of the three states, and
		// whatever else the report holds (all its findings but never-seen).
		JsonNode json = JsonMapper.builder().build().readTree(report.resolve("report.json").toFile());
		long failing = json.path("findings").valueStream()
			.filter((finding) -> !finding.path("kind").asString().equals("never-seen"))
			.count();
		assertThat(failing).isGreaterThanOrEqualTo(3);
		assertThat(this.out.strip().lines().reduce((first, second) -> second))
			.hasValue("Incomplete: some pages could not be audited; " + failing + " findings on the others.");
		assertThat(platform.thirdPartyRequests()).doesNotContain("/landing");
		String html = Files.readString(report.resolve("report.html"));
		assertThat(html).contains("Pages that could not be audited", "Incomplete", failing + " problems found on the others.");
	}

	@Test
	void theTotalTimeBoundsTheScan(@TempDir Path report) {
		List<String> pages = Stream.concat(Stream.of(platform.silentPage().toString()),
				platform.cleanPages(3).stream().map(Object::toString)).toList();

		int status = audit(report, pages, "--charte.audit.page-timeout=2s", "--charte.audit.total-timeout=1s",
				"--charte.audit.concurrency=1");

		assertThat(status).isEqualTo(2);
		assertThat(this.out).contains("not visited: the total time limit (1 s) was reached");
	}

}
