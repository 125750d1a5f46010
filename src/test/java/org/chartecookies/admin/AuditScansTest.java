package org.chartecookies.admin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.chartecookies.admin.AuditScans.Progress;
import org.chartecookies.admin.AuditScans.State;
import org.chartecookies.audit.AuditException;
import org.chartecookies.audit.AuditFixtures;
import org.chartecookies.audit.AuditProperties;
import org.chartecookies.audit.SiteAudit;
import org.chartecookies.consent.ConsentProperties;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The scans of the back office, whatever their end: a scan whose browser cannot run is recorded as could not run, a
 * scan the database does not take is said not recorded, a site without pages starts nothing, and the instance
 * remembers its last scans only. (A scan to its report: {@code BackOfficeAuditTest}.)
 */
class AuditScansTest {

	@TempDir
	private Path folder;

	private AuditReports reports;

	private AuditScans scans(Sites sites, boolean migrated) {
		return scans(sites, migrated, this.folder.resolve("no-chromium"), Duration.ofSeconds(5));
	}

	private AuditScans scans(Sites sites, boolean migrated, Path chromium, Duration pageTimeout) {
		DataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		if (migrated) {
			Flyway.configure().dataSource(database).load().migrate();
		}
		AuditProperties bounds = new AuditProperties(List.of(), null, chromium.toString(), List.of(), 50, pageTimeout,
				Duration.ofSeconds(60), 1, Duration.ofMillis(100));
		SiteAudit audit = new SiteAudit(bounds, sites, new ConsentProperties(Period.ofMonths(6), null), null);
		this.reports = new AuditReports(JdbcClient.create(database));
		return new AuditScans(audit, this.reports, Clock.systemUTC());
	}

	private Sites sites() throws Exception {
		return AuditFixtures.sites("file:" + AuditFixtures.registryWithPages(this.folder,
				List.of(URI.create("http://127.0.0.1:9/a"), URI.create("http://127.0.0.1:9/b"))));
	}

	private static Progress over(AuditScans scans, AuditScans.Scan scan) {
		return await().atMost(Duration.ofSeconds(20))
			.until(scan::progress, (progress) -> progress.state() != State.RUNNING);
	}

	@Test
	void aScanWhoseBrowserCannotRunIsRecordedAsSuchWithItsReason() throws Exception {
		Sites sites = sites();
		AuditScans scans = scans(sites, true);
		HostedSite site = sites.forHost("127.0.0.1");

		AuditScans.Scan scan = scans.start(site, "operator");
		Progress progress = over(scans, scan);

		assertThat(progress.state()).isEqualTo(State.RECORDED);
		assertThat(progress.pages()).isEqualTo(2);
		assertThat(progress.visits()).isEqualTo(2 * SiteAudit.VISITS_PER_PAGE);
		assertThat(progress.startedBy()).isEqualTo("operator");
		assertThat(progress.site()).isEqualTo(site.id());
		assertThat(scans.running()).isEmpty();
		assertThat(scans.scan(progress.id())).isPresent();
		assertThat(this.reports.find(progress.id())).hasValueSatisfying((audit) -> {
			assertThat(audit.outcome()).isEqualTo(AuditReports.Outcome.COULD_NOT_RUN);
			assertThat(audit.reason()).isEqualTo("charte.audit.chromium is not an executable file: "
					+ this.folder.resolve("no-chromium"));
			assertThat(audit.startedBy()).isEqualTo("operator");
			assertThat(audit.pages()).isEqualTo(2);
		});
	}

	/**
	 * A browser that never says it is ready holds the scan for the time a page may take: a second start meanwhile is
	 * refused with the scan that runs, and the application stopping ends it at once, recorded as could not run.
	 */
	@Test
	void aSecondStartWhileOneRunsIsRefusedAndTheApplicationStoppingEndsIt() throws Exception {
		Path silent = this.folder.resolve("silent-chromium");
		java.nio.file.Files.writeString(silent, "#!/bin/sh\nexec sleep 60\n");
		assertThat(silent.toFile().setExecutable(true)).isTrue();
		Sites sites = sites();
		AuditScans scans = scans(sites, true, silent, Duration.ofSeconds(60));
		HostedSite site = sites.forHost("127.0.0.1");

		AuditScans.Scan first = scans.start(site, "operator");
		assertThat(scans.running()).containsSame(first);
		assertThat(first.progress().running()).isTrue();
		assertThatExceptionOfType(AuditScans.Busy.class).isThrownBy(() -> scans.start(site, "auditor"))
			.satisfies((busy) -> assertThat(busy.scan()).isSameAs(first));

		long stopping = System.nanoTime();
		scans.destroy();
		Progress progress = over(scans, first);

		assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(30));
		assertThat(progress.state()).isEqualTo(State.RECORDED);
		assertThat(this.reports.find(progress.id())).hasValueSatisfying(
				(audit) -> assertThat(audit.reason()).isEqualTo("interrupted while starting the browser"));
		assertThat(this.reports.list(site.id())).singleElement()
			.satisfies((audit) -> assertThat(audit.startedBy()).isEqualTo("operator"));
	}

	@Test
	void aScanTheDatabaseDoesNotTakeIsSaidNotRecorded() throws Exception {
		AuditScans scans = scans(sites(), false);

		Progress progress = over(scans, scans.start(sites().forHost("127.0.0.1"), "operator"));

		assertThat(progress.state()).isEqualTo(State.NOT_RECORDED);
		assertThat(progress.running()).isFalse();
		assertThat(progress.problem()).isNotBlank();
		assertThat(scans.running()).isEmpty();
	}

	@Test
	void aSiteWithoutPagesStartsNothing() {
		Sites sites = AuditFixtures.sites(AuditFixtures.REGISTRY);
		AuditScans scans = scans(sites, true);

		assertThatExceptionOfType(AuditException.class)
			.isThrownBy(() -> scans.start(sites.forHost("127.0.0.1"), "operator"));
		assertThat(scans.running()).isEmpty();
	}

	@Test
	void theInstanceRemembersItsLastScansOnly() throws Exception {
		Sites sites = sites();
		AuditScans scans = scans(sites, true);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i <= AuditScans.REMEMBERED; i++) {
			AuditScans.Scan scan = scans.start(sites.forHost("127.0.0.1"), "operator");
			ids.add(over(scans, scan).id());
			await().atMost(Duration.ofSeconds(5)).until(() -> scans.running().isEmpty());
		}

		assertThat(scans.scan(ids.get(0))).isEmpty();
		assertThat(ids.subList(1, ids.size())).allSatisfy((id) -> assertThat(scans.scan(id)).isPresent());
	}

}
