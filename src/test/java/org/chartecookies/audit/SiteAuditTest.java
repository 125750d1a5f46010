package org.chartecookies.audit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.chartecookies.consent.ConsentProperties;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit of a site's configured pages, as the back office runs it: the pages checked as the command checks its
 * own, the same bounds, and the report's files as bytes, the same the command writes.
 */
class SiteAuditTest {

	private static final ConsentProperties CONSENT = new ConsentProperties(Period.ofMonths(6), null);

	private static AuditProperties bounds(String chromium, int maxPages) {
		return new AuditProperties(List.of(), null, chromium, List.of(), maxPages, Duration.ofSeconds(20),
				Duration.ofMinutes(2), 4, Duration.ofMillis(300));
	}

	private static SiteAudit audit(Sites sites, String chromium, int maxPages) {
		return new SiteAudit(bounds(chromium, maxPages), sites, CONSENT, System.getenv("PATH"));
	}

	@Test
	void aSiteWithoutPagesCannotBeAuditedAndSaysWhereToListThem() {
		Sites sites = AuditFixtures.sites();

		assertThatExceptionOfType(AuditException.class)
			.isThrownBy(() -> audit(sites, null, 50).pages(sites.forHost("127.0.0.1")))
			.withMessage("no page to scan is configured for this site: list them under audit: pages: in its registry "
					+ "(docs/audit.md)");
	}

	@Test
	void theCommandsLimitOnPagesHoldsAndEachPageIsScannedOnce(@TempDir Path folder) throws Exception {
		List<URI> pages = List.of(URI.create("http://127.0.0.1:1/a"), URI.create("http://127.0.0.1:1/b#top"),
				URI.create("http://127.0.0.1:1/b"), URI.create("http://127.0.0.1:1/c"));
		Sites sites = AuditFixtures.sites("file:" + AuditFixtures.registryWithPages(folder, pages));
		HostedSite site = sites.forHost("127.0.0.1");

		assertThat(audit(sites, null, 3).pages(site)).extracting(URI::getPath).containsExactly("/a", "/b", "/c");
		assertThatExceptionOfType(AuditException.class).isThrownBy(() -> audit(sites, null, 2).pages(site))
			.withMessage("3 pages named, more than charte.audit.max-pages (2)");
	}

	@Test
	void aPageOnAHostAnotherSiteAnswersIsRefused(@TempDir Path folder) throws Exception {
		// Site a's address is on www.a.example, which site b answers: a's page there would be audited against b.
		java.nio.file.Files.writeString(folder.resolve("a.yaml"), site("A", "https://www.a.example", "a.example",
				"https://a.example/", "https://www.a.example/"));
		java.nio.file.Files.writeString(folder.resolve("b.yaml"), site("B", "https://b.example", "www.a.example"));
		Sites sites = folderSites(folder);
		HostedSite a = sites.forHost("a.example");

		assertThatExceptionOfType(AuditException.class).isThrownBy(() -> audit(sites, null, 50).pages(a))
			.withMessage("the host of https://www.a.example/ is another site's");
	}

	@Test
	void withoutItsBrowserTheScanSaysWhyItCannotRun(@TempDir Path folder) throws Exception {
		Sites sites = AuditFixtures.sites("file:"
				+ AuditFixtures.registryWithPages(folder, List.of(URI.create("http://127.0.0.1:1/"))));
		SiteAudit audit = audit(sites, folder.resolve("no-chromium").toString(), 50);
		List<URI> pages = audit.pages(sites.forHost("127.0.0.1"));

		assertThatExceptionOfType(AuditException.class).isThrownBy(() -> audit.run(pages, (visit) -> {
		})).withMessage("charte.audit.chromium is not an executable file: " + folder.resolve("no-chromium"));
	}

	@Test
	void theFilesAreTheCommandsAndEachVisitIsToldAsItEnds(@TempDir Path folder) throws Exception {
		Browsers.chromium();
		try (FixturePlatform platform = new FixturePlatform()) {
			List<URI> configured = List.of(platform.page("/clean/1"), platform.page("/seed/undeclared-js"));
			Sites sites = AuditFixtures.sites("file:" + AuditFixtures.registryWithPages(folder, configured));
			SiteAudit audit = audit(sites, null, 50);
			List<PageVisit> told = new CopyOnWriteArrayList<>();

			SiteAudit.Files files = audit.run(audit.pages(sites.forHost("127.0.0.1")), told::add);

			assertThat(told).hasSize(configured.size() * SiteAudit.VISITS_PER_PAGE);
			assertThat(new ArrayList<>(told)).extracting(PageVisit::page).containsOnlyElementsOf(configured);
			String json = new String(files.json(), StandardCharsets.UTF_8);
			assertThat(AuditReport.fingerprint(files.json())).isEqualTo(files.report().sha256());
			assertThat(json).contains("\"sha256\" : \"" + files.report().sha256() + "\"", "undeclared_js");
			assertThat(new String(files.html(), StandardCharsets.UTF_8)).contains(files.report().sha256(),
					"<link rel=\"stylesheet\" href=\"report.css\">", "Cookie missing from the charter");
			assertThat(files.css())
				.isEqualTo(new DefaultResourceLoader().getResource("classpath:audit/report.css").getContentAsByteArray());
		}
	}

	@Test
	void aFingerprintIsOnlyAReportsJson() {
		assertThat(AuditReport.fingerprint("not json".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(AuditReport.fingerprint("[1]".getBytes(StandardCharsets.UTF_8))).isNull();
		// The compact JSON of the object without its sha256, as jq -cj 'del(.sha256)' gives it.
		assertThat(AuditReport.fingerprint("{ \"a\" : 1, \"sha256\" : \"x\" }".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(AuditReport.sha256("{\"a\":1}"));
	}

	private static Sites folderSites(Path folder) {
		try (jakarta.validation.ValidatorFactory validation = jakarta.validation.Validation.buildDefaultValidatorFactory()) {
			return Sites.load(new org.chartecookies.registry.RegistryProperties("classpath:registry/cookies.yaml",
					folder.toString(), null, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5)),
					new DefaultResourceLoader(), validation.getValidator());
		}
	}

	private static String site(String name, String url, String host, String... pages) throws IOException {
		String registry = new String(new DefaultResourceLoader().getResource(AuditFixtures.REGISTRY)
			.getContentAsByteArray(), StandardCharsets.UTF_8);
		registry = registry.replace("  name: Fixture platform\n  url: http://127.0.0.1/\n",
				"  name: " + name + "\n  url: " + url + "\n  hosts: [" + host + "]\n");
		return (pages.length == 0) ? registry
				: registry + "\naudit:\n  pages: [" + String.join(", ", pages) + "]\n";
	}

}
