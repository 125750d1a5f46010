package org.chartecookies.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as the visitor's current decision: a well-formed {@code cookies_preferences} value about this registry's
 * revision and categories, not from the future, not older than the lifetime (6 months here). Anything else is no
 * decision, and an older revision says the charter changed.
 */
class ConsentCookieReaderTest {

	private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

	private static final CookieRegistry REGISTRY = Registries.load("registries/two-optional-categories.yaml");

	private static final Map<String, Boolean> STATISTICS_ONLY = Map.of("statistics", true, "video", false);

	private final ConsentCookieReader reader = new ConsentCookieReader(Registries.requestSites(REGISTRY),
			new ConsentProperties(Period.ofMonths(6), null), Clock.fixed(NOW, ZoneOffset.UTC));

	private static Cookie decision(int revision, Instant at, Map<String, Boolean> choices) {
		return ConsentCookies.decision(revision, at, choices);
	}

	private static Cookie current() {
		return decision(REGISTRY.revision(), NOW.minusSeconds(60), STATISTICS_ONLY);
	}

	private VisitorConsent read(Cookie... cookies) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (cookies.length > 0) {
			request.setCookies(cookies);
		}
		return this.reader.consent(request);
	}

	@Test
	void withoutACookieNothingIsDecidedAndNothingAccepted() {
		VisitorConsent consent = read();

		assertThat(consent.decided()).isFalse();
		assertThat(consent.current()).isEmpty();
		assertThat(consent.outdated()).isFalse();
		assertThat(consent.accepts("statistics")).isFalse();
		assertThat(consent.state()).isEqualTo(new ConsentState(null, false, false));
		assertThat(consent.state().decided()).isFalse();
		assertThat(consent.state().accepts("statistics")).isFalse();
	}

	@Test
	void aCurrentDecisionIsTheVisitorsConsent() {
		VisitorConsent consent = read(new Cookie("other", "x"), current());

		assertThat(consent.decided()).isTrue();
		assertThat(consent.outdated()).isFalse();
		assertThat(consent.accepts("statistics")).isTrue();
		assertThat(consent.accepts("video")).isFalse();
		assertThat(consent.accepts("necessary")).as("required categories are not choices").isFalse();
		assertThat(consent.current()).hasValueSatisfying((decision) -> {
			assertThat(decision.revision()).isEqualTo(REGISTRY.revision());
			assertThat(decision.decidedAt()).isEqualTo(NOW.minusSeconds(60));
			assertThat(decision.consentId()).isEqualTo(ConsentCookies.CONSENT_ID);
		});
		assertThat(consent.state().decided()).isTrue();
		assertThat(consent.state().choices()).isEqualTo(STATISTICS_ONLY);
		assertThat(consent.state().accepts("statistics")).isTrue();
		assertThat(consent.state().accepts("video")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "0", "", "yes" })
	void globalPrivacyControlIsTheHeaderSecGpcOne(String value) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Sec-GPC", value);

		assertThat(this.reader.consent(request).globalPrivacyControl()).isEqualTo(value.equals("1"));
		assertThat(this.reader.consent(request).state().globalPrivacyControl()).isEqualTo(value.equals("1"));
	}

	/** The id pages show: the current decision's, and none for an outdated decision or none at all. */
	@Test
	void theConsentIdShownIsTheCurrentDecisionsOnly() {
		MockHttpServletRequest decided = new MockHttpServletRequest();
		Cookie cookie = current();
		decided.setCookies(cookie);
		MockHttpServletRequest outdated = new MockHttpServletRequest();
		outdated.setCookies(decision(REGISTRY.revision() - 1, NOW.minusSeconds(60), STATISTICS_ONLY));

		assertThat(this.reader.consentId(decided)).isNotNull()
			.isEqualTo(ConsentCookieCodec.decode(cookie.getValue()).orElseThrow().consentId());
		assertThat(this.reader.consentId(outdated)).isNull();
		assertThat(this.reader.consentId(new MockHttpServletRequest())).isNull();
	}

	@Test
	void aDecisionAboutAnOlderRevisionIsNoneAndSaysTheCharterChanged() {
		VisitorConsent consent = read(decision(REGISTRY.revision() - 1, NOW.minusSeconds(60), STATISTICS_ONLY));

		assertThat(consent.decided()).isFalse();
		assertThat(consent.outdated()).isTrue();
		assertThat(consent.state().outdated()).isTrue();
	}

	@Test
	void anOlderRevisionStillSaysSoWhateverOtherCookiesCome() {
		Cookie older = decision(REGISTRY.revision() - 1, NOW.minusSeconds(60), STATISTICS_ONLY);
		Cookie unreadable = ConsentCookies.cookie("garbage");
		Cookie newer = decision(REGISTRY.revision() + 1, NOW.minusSeconds(60), STATISTICS_ONLY);

		assertThat(read(older, unreadable, newer).outdated()).isTrue();
		assertThat(read(unreadable, newer, older).outdated()).isTrue();
		assertThat(read(older, current()).outdated()).as("a current decision wins").isFalse();
		assertThat(read(older, current()).decided()).isTrue();
	}

	@Test
	void aDecisionAboutAFutureRevisionIsNoneAndNotOutdated() {
		VisitorConsent consent = read(decision(REGISTRY.revision() + 1, NOW.minusSeconds(60), STATISTICS_ONLY));

		assertThat(consent.decided()).isFalse();
		assertThat(consent.outdated()).isFalse();
	}

	@Test
	void aDecisionAboutOtherCategoriesIsNone() {
		assertThat(read(decision(REGISTRY.revision(), NOW.minusSeconds(60), Map.of("statistics", true))).decided())
			.isFalse();
		assertThat(read(decision(REGISTRY.revision(), NOW.minusSeconds(60),
				Map.of("statistics", true, "video", true, "ads", true)))
			.decided()).isFalse();
	}

	@Test
	void aDecisionDatedUpToFiveMinutesAheadIsCurrentAndLaterIsNone() {
		Instant skew = NOW.plus(Duration.ofMinutes(5));

		assertThat(read(decision(REGISTRY.revision(), skew, STATISTICS_ONLY)).decided()).isTrue();
		assertThat(read(decision(REGISTRY.revision(), skew.plusSeconds(1), STATISTICS_ONLY)).decided()).isFalse();
	}

	@Test
	void aDecisionLastsSixMonthsToTheSecond() {
		Instant sixMonthsAgo = NOW.atOffset(ZoneOffset.UTC).minusMonths(6).toInstant();

		assertThat(read(decision(REGISTRY.revision(), sixMonthsAgo.plusSeconds(1), STATISTICS_ONLY)).decided())
			.isTrue();
		assertThat(read(decision(REGISTRY.revision(), sixMonthsAgo, STATISTICS_ONLY)).decided()).isFalse();
		assertThat(read(decision(REGISTRY.revision(), sixMonthsAgo, STATISTICS_ONLY)).outdated()).isFalse();
	}

	@Test
	void theConsentIsReadOncePerRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(current());
		VisitorConsent first = this.reader.consent(request);

		request.setCookies(ConsentCookies.cookie("garbage"));

		assertThat(this.reader.consent(request)).isSameAs(first);
	}

	@Test
	void onlyTheCookiesPreferencesCookieHoldsTheDecision() {
		Cookie elsewhere = new Cookie("other_preferences", current().getValue());
		Cookie empty = new Cookie(ConsentCookieCodec.COOKIE_NAME, null);

		assertThat(read(elsewhere).decided()).isFalse();
		assertThat(read(empty).decided()).isFalse();
		assertThat(read(empty, current()).decided()).isTrue();
	}

}
