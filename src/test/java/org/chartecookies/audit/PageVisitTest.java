package org.chartecookies.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;

import org.chartecookies.registry.HostedSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One page in one state, in a real Chromium over the DevTools protocol: what an auditor needs to see of each
 * cookie, the storage keys, the other hosts contacted; and a page that cannot be audited is a problem said in
 * words, within the time given, never a hang.
 */
class PageVisitTest {

	private static FixturePlatform platform;

	private static ChromiumProcess browser;

	private static HostedSite site;

	private static final ConsentPresets PRESETS = new ConsentPresets(null, Period.ofMonths(6));

	@BeforeAll
	static void start() throws Exception {
		platform = new FixturePlatform();
		browser = Browsers.start();
		site = AuditFixtures.site();
	}

	@AfterAll
	static void stop() throws Exception {
		if (browser != null) {
			browser.close();
		}
		platform.close();
	}

	private static PageVisit visit(String path, VisitState state) {
		return visit(platform.page(path), state, Duration.ofSeconds(20));
	}

	private static PageVisit visit(java.net.URI page, VisitState state, Duration timeout) {
		PageVisitor visitor = new PageVisitor(browser.devTools(), Duration.ofMillis(300), Duration.ofSeconds(5));
		return visitor.visit(page, state, PRESETS.cookie(page, site, state, Instant.now()), timeout);
	}

	@Test
	void everyCookieWithItsAttributesTheStorageKeysAndTheOtherHosts() {
		PageVisit visit = visit("/clean/1", VisitState.ACCEPTED);

		assertThat(visit.problem()).isNull();
		SeenCookie csrf = cookie(visit, "csrftoken");
		assertThat(csrf.domain()).isEqualTo("127.0.0.1");
		assertThat(csrf.path()).isEqualTo("/");
		assertThat(csrf.httpOnly()).isTrue();
		assertThat(csrf.secure()).isFalse();
		assertThat(csrf.sameSite()).isEqualTo("Lax");
		assertThat(csrf.expires()).isCloseTo(visit.at().plus(Duration.ofDays(365)), within(Duration.ofMinutes(1)));
		// Set by the page's server from the consent cookie of its first request, and by its script.
		assertThat(visit.cookies()).extracting(SeenCookie::name).contains("_pk_id.1.clean", "_pk_ses.1.clean");
		SeenCookie thirdParty = cookie(visit, "tp_id");
		assertThat(thirdParty.host()).isEqualTo(FixturePlatform.THIRD_PARTY);
		assertThat(thirdParty.secure()).isTrue();
		assertThat(thirdParty.sameSite()).isEqualTo("None");
		assertThat(visit.otherHosts()).containsExactly(FixturePlatform.THIRD_PARTY);
		assertThat(visit.localStorage()).containsExactly("ui_theme");
		assertThat(visit.sessionStorage()).containsExactly("last_search");
	}

	@Test
	void eachVisitIsAFreshProfile() {
		visit("/clean/2", VisitState.ACCEPTED);

		PageVisit visit = visit("/clean/2", VisitState.NONE);

		assertThat(visit.cookies()).extracting(SeenCookie::name).containsExactly("csrftoken");
		assertThat(visit.otherHosts()).isEmpty();
	}

	@Test
	void theRefusalCookieIsTheApplicationsOwn() {
		PageVisit visit = visit("/clean/3", VisitState.REFUSED);

		SeenCookie consent = cookie(visit, "cookies_preferences");
		assertThat(consent.domain()).isEqualTo("127.0.0.1");
		assertThat(consent.sameSite()).isEqualTo("Lax");
		assertThat(visit.cookies()).extracting(SeenCookie::name).doesNotContain("_pk_id.1.clean", "_pk_ses.1.clean");
	}

	@Test
	void theHostsAThirdPartysFrameCallsAreSeenToo() {
		PageVisit visit = visit("/framed", VisitState.NONE);

		assertThat(visit.otherHosts()).containsExactly(FixturePlatform.THIRD_PARTY, FixturePlatform.FOURTH_PARTY);
		assertThat(visit.cookies()).extracting(SeenCookie::host).contains(FixturePlatform.FOURTH_PARTY);
	}

	@Test
	void aRedirectToAnotherHostIsReportedAndNotFollowed() {
		PageVisit visit = visit("/redirect-away", VisitState.NONE);

		assertThat(visit.problem()).startsWith("redirected to another host, not followed: http://127.0.0.2:");
		assertThat(platform.thirdPartyRequests()).doesNotContain("/landing");
		assertThat(visit.otherHosts()).as("a host the page never called, only redirected to").isEmpty();
	}

	@Test
	void aTlsErrorAMissingPageAndAClosedPortAreSaidInWords() throws Exception {
		assertThat(visit(platform.selfSignedPage(), VisitState.NONE, Duration.ofSeconds(20)).problem())
			.isEqualTo("TLS error (net::ERR_CERT_AUTHORITY_INVALID)");
		assertThat(visit("/no-such-page", VisitState.NONE).problem()).isEqualTo("answered HTTP 404");
		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		assertThat(visit(java.net.URI.create("http://127.0.0.1:" + closed + "/"), VisitState.NONE,
				Duration.ofSeconds(20)).problem()).isEqualTo("could not be loaded (net::ERR_CONNECTION_REFUSED)");
	}

	@Test
	void aPageThatNeverAnswersEndsWithinItsTime() {
		long start = System.nanoTime();

		PageVisit visit = visit(platform.silentPage(), VisitState.NONE, Duration.ofSeconds(3));

		assertThat(visit.problem()).isEqualTo("no answer within 3 s");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	private static SeenCookie cookie(PageVisit visit, String name) {
		return visit.cookies().stream().filter((cookie) -> cookie.name().equals(name)).findFirst().orElseThrow(
				() -> new AssertionError(name + " not among " + visit.cookies()));
	}

}
