package org.chartecookies.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the audit command says to bad input, before any browser starts: one clear line and exit status 2, never a
 * stack trace.
 */
class AuditCommandTest {

	@TempDir
	Path folder;

	private String out;

	private String err;

	private int audit(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = AuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		this.out = out.toString(StandardCharsets.UTF_8);
		this.err = err.toString(StandardCharsets.UTF_8);
		assertThat(this.err).doesNotContain("\tat ", "Exception");
		return status;
	}

	private String[] withFixture(String pages, String... more) {
		List<String> args = new ArrayList<>(List.of("--charte.registry.location=" + AuditFixtures.REGISTRY,
				"--charte.audit.pages=" + pages, "--charte.audit.report=" + this.folder.resolve("report")));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	@Test
	void anAddressThatIsNotAWebPageIsRefused() {
		assertThat(audit(withFixture("ftp://example.org/file"))).isEqualTo(2);
		assertThat(this.err).isEqualTo(
				"The audit could not run: not an http or https address with a host: ftp://example.org/file\n");

		assertThat(audit(withFixture("https://exa mple.org/"))).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: not an address: https://exa mple.org/");

		assertThat(audit(withFixture("/cookies"))).isEqualTo(2);
		assertThat(audit(withFixture("https://user:secret@example.org/"))).isEqualTo(2);
		assertThat(this.err).contains("an address with a user name or password is not scanned");
	}

	@Test
	void aPasswordInAnAddressIsNeverPrinted() {
		assertThat(audit(withFixture("https://bob:s3cret@example.org/"))).isEqualTo(2);
		assertThat(this.err).isEqualTo("The audit could not run: an address with a user name or password is not "
				+ "scanned: https://example.org/\n");

		assertThat(audit(withFixture("https://bob:s3cret@exa mple.org/"))).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: not an address: https://exa mple.org/")
			.doesNotContain("s3cret", "bob");

		assertThat(audit(withFixture("ftp://bob:s3cret@example.org/file"))).isEqualTo(2);
		assertThat(this.err).contains("ftp://example.org/file").doesNotContain("s3cret", "bob");
		assertThat(Audit.withoutUserInfo("went to http://x:y@other.example/a?u=v@w")).isEqualTo(
				"went to http://other.example/a?u=v@w");
	}

	@Test
	void theRegistryAuditedAgainstIsTheFirstLine() {
		Path none = this.folder.resolve("no-chromium");
		audit("--charte.audit.pages=http://a.example/", "--charte.audit.report=" + this.folder.resolve("r"),
				"--charte.audit.chromium=" + none);
		assertThat(this.out.lines().findFirst()).hasValue("Registry: the example shipped in the jar: name yours with "
				+ "--charte.registry.location or --charte.registry.folder");

		audit("--charte.registry.folder=examples/sites", "--charte.audit.pages=https://shop.example.org/",
				"--charte.audit.report=" + this.folder.resolve("r"), "--charte.audit.chromium=" + none);
		assertThat(this.out.lines().findFirst()).hasValue("Registry: the folder examples/sites");

		audit(withFixture("http://a.example/", "--charte.audit.chromium=" + none));
		assertThat(this.out.lines().findFirst()).hasValue("Registry: the file " + AuditFixtures.REGISTRY);
	}

	@Test
	void noPageAtAllIsRefused() {
		assertThat(audit(withFixture(" , "))).isEqualTo(2);
		assertThat(this.err).contains("no page to scan: name them with --charte.audit.pages=URL[,URL...]");
	}

	@Test
	void aHostNoSiteAnswersIsRefused() {
		int status = audit("--charte.registry.folder=examples/sites", "--charte.audit.pages=https://unknown.example/",
				"--charte.audit.report=" + this.folder);

		assertThat(status).isEqualTo(2);
		assertThat(this.err).isEqualTo("The audit could not run: no site of the registry answers for the host of "
				+ "https://unknown.example/ (a registry file's site.hosts, or charte.registry.default-site)\n");
	}

	@Test
	void morePagesThanTheLimitAreRefused() {
		assertThat(audit(withFixture("http://a.example/,http://b.example/,http://a.example/", "--charte.audit.max-pages=1")))
			.isEqualTo(2);
		assertThat(this.err).contains("2 pages named, more than charte.audit.max-pages (1)");
	}

	@Test
	void aReportFolderThatCannotBeWrittenIsSaidBeforeTheScan() throws IOException {
		Path file = Files.writeString(this.folder.resolve("a-file"), "x");

		assertThat(audit("--charte.registry.location=" + AuditFixtures.REGISTRY, "--charte.audit.pages=http://a.example/",
				"--charte.audit.report=" + file)).isEqualTo(2);
		assertThat(this.err).isEqualTo("The audit could not run: cannot write the report to " + file
				+ " (a file is in the way)\n");

		assertThat(audit("--charte.registry.location=" + AuditFixtures.REGISTRY, "--charte.audit.pages=http://a.example/"))
			.isEqualTo(2);
		assertThat(this.err).contains("no report folder: name it with --charte.audit.report=DIR");
	}

	@Test
	void aMissingBrowserIsSaid() {
		assertThat(audit(withFixture("http://a.example/", "--charte.audit.chromium=" + this.folder.resolve("no-chromium"))))
			.isEqualTo(2);
		assertThat(this.err).isEqualTo("The audit could not run: charte.audit.chromium is not an executable file: "
				+ this.folder.resolve("no-chromium") + "\n");
		assertThat(ChromiumProcess.find(null, this.folder.toString())).isEmpty();
		assertThat(ChromiumProcess.find(null, null)).isEmpty();
	}

	@Test
	void aBrowserThatRefusesToStartIsSaidWithTheArgumentsItReceived() throws IOException {
		Path browser = this.folder.resolve("chromium");
		Files.writeString(browser, "#!/bin/sh\necho 'Multiple targets are not supported in headless mode.' >&2\nexit 1\n");
		assertThat(browser.toFile().setExecutable(true)).isTrue();

		int status = audit(withFixture("http://a.example/", "--charte.audit.chromium=" + browser,
				"--charte.audit.browser-arguments=--host-resolver-rules=MAP a 127.0.0.1, MAP b 127.0.0.2"));

		assertThat(status).isEqualTo(2);
		assertThat(this.err).contains("Multiple targets are not supported in headless mode.",
				"2 arguments: '--host-resolver-rules=MAP a 127.0.0.1' 'MAP b 127.0.0.2'",
				"--charte.audit.browser-arguments[0]=")
			.hasLineCount(1);

		audit(withFixture("http://a.example/", "--charte.audit.chromium=" + browser,
				"--charte.audit.browser-arguments[0]=--host-resolver-rules=MAP a 127.0.0.1, MAP b 127.0.0.2"));
		assertThat(this.err).contains("1 argument: '--host-resolver-rules=MAP a 127.0.0.1, MAP b 127.0.0.2'")
			.doesNotContain("split");

		audit(withFixture("http://a.example/", "--charte.audit.chromium=" + browser));
		assertThat(this.err).endsWith("saying: Multiple targets are not supported in headless mode.\n");
	}

	@Test
	void anInvalidRegistryIsSaidInTheStartUpsWords() {
		assertThat(audit("--charte.registry.location=" + this.folder.resolve("none.yaml"),
				"--charte.audit.pages=http://a.example/", "--charte.audit.report=" + this.folder)).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: Cookie registry file [")
			.contains("none.yaml");
	}

	@Test
	void anInvalidSettingIsSaidInOneLine() {
		assertThat(audit(withFixture("http://a.example/", "--charte.audit.concurrency=0"))).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: --charte.audit.concurrency=0: ")
			.contains("1")
			.hasLineCount(1);
	}

	@Test
	void aValueThatIsNoDurationIsSaidInOneLine() {
		assertThat(audit(withFixture("http://a.example/", "--charte.audit.page-timeout=abc"))).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: --charte.audit.page-timeout=abc: ")
			.contains("30s")
			.hasLineCount(1);
	}

	@Test
	void aValueThatIsNoNumberIsSaidInOneLine() {
		assertThat(audit(withFixture("http://a.example/", "--charte.audit.max-pages=many"))).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: --charte.audit.max-pages=many: ")
			.contains("\"many\"")
			.doesNotContain("duration")
			.hasLineCount(1);
		assertThat(AuditSettings.problem(new IllegalStateException("no context"))).isEqualTo(
				"a setting is invalid: no context");
	}

	@Test
	void blankPagesAreNoPages() {
		AuditProperties blank = new AuditProperties(List.of(" ", ""), null, null, null, 50, Duration.ofSeconds(30),
				Duration.ofMinutes(10), 4, Duration.ofMillis(500));

		assertThatThrownBy(() -> AuditSettings.check(blank, System.err)).isInstanceOf(AuditException.class)
			.hasMessage("no page to scan: name them with --charte.audit.pages=URL[,URL...]");
	}

	@Test
	void aNegativeOrZeroDurationIsRefused() {
		assertThat(audit(withFixture("http://a.example/", "--charte.audit.quiet-period=-1s"))).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: --charte.audit.quiet-period=-1000ms: ")
			.contains("negative")
			.hasLineCount(1);

		assertThat(audit(withFixture("http://a.example/", "--charte.audit.page-timeout=0s"))).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: --charte.audit.page-timeout=0ms: ").hasLineCount(1);

		assertThat(audit(withFixture("http://a.example/", "--charte.audit.total-timeout=-5m"))).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: --charte.audit.total-timeout=").hasLineCount(1);
	}

	@Test
	void aQuietPeriodOverTheCapIsWarnedOf() {
		Path none = this.folder.resolve("no-chromium");
		audit(withFixture("http://a.example/", "--charte.audit.quiet-period=10s", "--charte.audit.chromium=" + none));

		assertThat(this.err.lines().findFirst()).hasValueSatisfying((line) -> assertThat(line)
			.startsWith("Warning: --charte.audit.quiet-period is 10000ms")
			.contains("at most 5 s"));

		audit(withFixture("http://a.example/", "--charte.audit.quiet-period=5s", "--charte.audit.chromium=" + none));
		assertThat(this.err).doesNotContain("Warning");
	}

	@Test
	void anUnknownAuditOptionIsRefusedWithTheKnownOnes() {
		int status = audit("--charte.registry.location=" + AuditFixtures.REGISTRY, "--charte.audit.page=http://a.example/",
				"--charte.audit.report=" + this.folder.resolve("report"));

		assertThat(status).isEqualTo(2);
		assertThat(this.err).startsWith("The audit could not run: unknown option --charte.audit.page (")
			.contains("--charte.audit.pages", "--charte.audit.report", "--charte.audit.browser-arguments",
					"--charte.audit.quiet-period")
			.hasLineCount(1);
		assertThat(this.folder.resolve("report")).doesNotExist();
	}

	@Test
	void theFormsSpringBootBindsAreKnown() {
		assertThat(AuditSettings.unknownOption(new String[] { "--charte.audit.browser-arguments[0]=--a=b, c",
				"--charte.audit.pageTimeout=1s", "--charte.audit.quiet_period=1s", "--charte.audit.pages[1]=x",
				"--server.port=0", "--charte.audit.max-pages" })).isNull();
		assertThat(AuditSettings.unknownOption(new String[] { "--charte.audit.pages=x", "--charte.audit.reports=r" }))
			.isEqualTo("--charte.audit.reports");
		assertThat(AuditSettings.unknownOption(new String[] { "--charte.audit.timeout" })).isEqualTo("--charte.audit.timeout");
	}

	@Test
	void aReportFolderWithoutPagesIsRefusedBeforeItIsMade() {
		int status = audit("--charte.registry.location=" + AuditFixtures.REGISTRY,
				"--charte.audit.report=" + this.folder.resolve("report"));

		assertThat(status).isEqualTo(2);
		assertThat(this.err).isEqualTo("The audit could not run: no page to scan: name them with "
				+ "--charte.audit.pages=URL[,URL...] (--charte.audit.report is given)\n");
		assertThat(this.folder.resolve("report")).doesNotExist();
	}

}
