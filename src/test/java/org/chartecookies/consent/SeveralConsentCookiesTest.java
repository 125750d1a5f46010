package org.chartecookies.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers send every {@code cookies_preferences} cookie whose domain and path match, and a sibling subdomain can plant
 * one on the parent domain. When several current decisions arrive, the most restrictive wins: a category counts as
 * accepted only if every one of them accepts it.
 */
class SeveralConsentCookiesTest {

	private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

	private static final CookieRegistry REGISTRY = Registries.load("registries/two-optional-categories.yaml");

	private final ConsentCookieReader reader = new ConsentCookieReader(Registries.requestSites(REGISTRY),
			new ConsentProperties(Period.ofMonths(6), null), Clock.fixed(NOW, ZoneOffset.UTC));

	private static Cookie decision(String id, Instant at, boolean statistics, boolean video) {
		return ConsentCookies.cookie(ConsentCookieCodec
			.encode(new ConsentDecision(REGISTRY.revision(), at, id, Map.of("statistics", statistics, "video", video))));
	}

	private VisitorConsent read(Cookie... cookies) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(cookies);
		return this.reader.consent(request);
	}

	@Test
	void aPlantedAcceptanceNeverOverridesTheVisitorsRefusal() {
		Cookie planted = decision("P".repeat(21) + "A", NOW.minusSeconds(10), true, true);
		Cookie refusal = decision("R".repeat(21) + "A", NOW.minusSeconds(3600), false, false);

		for (Cookie[] order : new Cookie[][] { { planted, refusal }, { refusal, planted } }) {
			VisitorConsent consent = read(order);

			assertThat(consent.decided()).isTrue();
			assertThat(consent.accepts("statistics")).isFalse();
			assertThat(consent.accepts("video")).isFalse();
			assertThat(consent.decision().consentId()).as("the refusal's own id").isEqualTo("R".repeat(21) + "A");
		}
	}

	@Test
	void aCategoryCountsAsAcceptedOnlyIfEveryCurrentDecisionAcceptsIt() {
		VisitorConsent consent = read(decision("A".repeat(22), NOW, true, false),
				decision("B".repeat(21) + "A", NOW, false, true));

		assertThat(consent.accepts("statistics")).isFalse();
		assertThat(consent.accepts("video")).isFalse();
		assertThat(consent.state().choices()).containsOnly(Map.entry("statistics", false), Map.entry("video", false));
	}

	@Test
	void identicalChoicesAreOneDecision() {
		VisitorConsent consent = read(decision("A".repeat(22), NOW, true, false),
				decision("B".repeat(21) + "A", NOW, true, false));

		assertThat(consent.accepts("statistics")).isTrue();
		assertThat(consent.accepts("video")).isFalse();
		assertThat(consent.decision().consentId()).as("the first").isEqualTo("A".repeat(22));
	}

	@Test
	void valuesThatAreNoCurrentDecisionPlayNoPart() {
		Cookie acceptance = decision("A".repeat(22), NOW, true, true);
		Cookie expiredRefusal = decision("E".repeat(21) + "A", NOW.minus(Period.ofDays(200)), false, false);
		Cookie olderRevisionRefusal = ConsentCookies.cookie(ConsentCookieCodec.encode(new ConsentDecision(
				REGISTRY.revision() - 1, NOW, "O".repeat(21) + "A", Map.of("statistics", false, "video", false))));
		Cookie garbage = ConsentCookies.cookie("v=1&rev=oops");

		VisitorConsent consent = read(garbage, expiredRefusal, acceptance, olderRevisionRefusal);

		assertThat(consent.accepts("statistics")).isTrue();
		assertThat(consent.accepts("video")).isTrue();
		assertThat(consent.outdated()).isFalse();
	}

}
