package org.chartecookies.audit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The findings of visits against the fixture registry ({@code audit/fixture-registry.yaml}): necessary cookies
 * (sessionid P2W, django_language session, csrftoken P1Y, cookies_preferences P6M, long_pref and js_long_pref P2Y),
 * statistics ({@code _pk_id.*} P13M, {@code _pk_ses.*} PT30M) and ads ({@code tp_id} on 127.0.0.2, never_set).
 */
class AuditFindingsTest {

	private static final AuditFindings FINDINGS = new AuditFindings(AuditFixtures.registry());

	private static final Instant AT = Instant.parse("2026-01-31T10:00:00Z");

	private static final URI PAGE = URI.create("https://www.example.org/");

	private static SeenCookie cookie(String name, Instant expires) {
		return new SeenCookie(name, "www.example.org", "/", expires, true, false, "Lax");
	}

	private static SeenCookie cookie(String name, String domain) {
		return new SeenCookie(name, domain, "/", null, true, false, "None");
	}

	private static PageVisit visit(VisitState state, SeenCookie... cookies) {
		return new PageVisit(PAGE, state, AT, Arrays.asList(cookies), List.of(), List.of(), List.of(), null);
	}

	private static PageVisit contacting(VisitState state, String... hosts) {
		return new PageVisit(PAGE, state, AT, List.of(), List.of(), List.of(), List.of(hosts), null);
	}

	/** The findings that fail the audit (never-seen left out). */
	private static List<Finding> failing(PageVisit... visits) {
		return FINDINGS.of(List.of(visits)).stream().filter((finding) -> finding.kind().fails()).toList();
	}

	@Test
	void declaredCookiesWithinTheirLifetimeAndTheirConsentAreNoFinding() {
		assertThat(failing(visit(VisitState.NONE, cookie("sessionid", AT.plus(Duration.ofDays(14))),
				cookie("django_language", (Instant) null), cookie("csrftoken", AT.plus(Duration.ofDays(365)))),
				visit(VisitState.ACCEPTED, cookie("_pk_id.1.abc", AT.plus(Duration.ofDays(390))),
						cookie("_pk_ses.1.abc", AT.plus(Duration.ofMinutes(30)))))).isEmpty();
	}

	@Test
	void aCookieTheRegistryDoesNotListIsUndeclaredInEachStateWithWhatWasSeen() {
		SeenCookie tracker = new SeenCookie("tracker", ".example.org", "/shop", AT.plus(Duration.ofDays(30)), false,
				false, null);

		assertThat(failing(visit(VisitState.NONE, tracker), visit(VisitState.ACCEPTED, tracker)))
			.extracting(Finding::kind, Finding::state, Finding::page, Finding::cookie, Finding::host, Finding::detail)
			.containsExactly(
					tuple(FindingKind.UNDECLARED, VisitState.NONE, PAGE, "tracker", "example.org",
							"not in the registry (domain .example.org, path /shop, lifetime 30 days)"),
					tuple(FindingKind.UNDECLARED, VisitState.ACCEPTED, PAGE, "tracker", "example.org",
							"not in the registry (domain .example.org, path /shop, lifetime 30 days)"));
	}

	@Test
	void aStarInADeclaredNameStandsForAnyCharactersAndNothingElse() {
		assertThat(FINDINGS.declaration(cookie("_pk_id.1.3f2a", (Instant) null)).orElseThrow().name())
			.isEqualTo("_pk_id.*");
		assertThat(FINDINGS.declaration(cookie("_pk_id.", (Instant) null))).isPresent();
		assertThat(FINDINGS.declaration(cookie("_pk_idx1", (Instant) null))).isEmpty();
		assertThat(FINDINGS.declaration(cookie("x_pk_id.1", (Instant) null))).isEmpty();
		assertThat(FINDINGS.declaration(cookie("sessionid2", (Instant) null))).isEmpty();
		assertThat(FINDINGS.declaration(cookie("Sessionid", (Instant) null))).isEmpty();
	}

	@Test
	void aDeclaredDomainMustHoldTheCookie() {
		assertThat(FINDINGS.declaration(cookie("tp_id", "127.0.0.2"))).isPresent();
		assertThat(FINDINGS.declaration(cookie("tp_id", ".127.0.0.2"))).isPresent();
		assertThat(FINDINGS.declaration(cookie("tp_id", "ads.127.0.0.2"))).isPresent();
		assertThat(FINDINGS.declaration(cookie("tp_id", "127.0.0.3"))).isEmpty();
		assertThat(FINDINGS.declaration(cookie("tp_id", "x127.0.0.2"))).isEmpty();
		assertThat(failing(visit(VisitState.ACCEPTED, cookie("tp_id", "tracker.example"))))
			.extracting(Finding::kind)
			.containsExactly(FindingKind.UNDECLARED);
	}

	@Test
	void anOptionalCookieIsBeforeConsentWithNoDecisionAfterRefusalWhenRefusedAndFineWhenAccepted() {
		SeenCookie statistics = cookie("_pk_id.1.abc", AT.plus(Duration.ofDays(30)));

		assertThat(failing(visit(VisitState.NONE, statistics), visit(VisitState.REFUSED, statistics),
				visit(VisitState.ACCEPTED, statistics)))
			.extracting(Finding::kind, Finding::state, Finding::cookie, Finding::detail)
			.containsExactly(
					tuple(FindingKind.BEFORE_CONSENT, VisitState.NONE, "_pk_id.1.abc",
							"set with no decision: it is declared as _pk_id.* in the optional category statistics"),
					tuple(FindingKind.AFTER_REFUSAL, VisitState.REFUSED, "_pk_id.1.abc",
							"set after a refusal: it is declared as _pk_id.* in the optional category statistics"));
	}

	@Test
	void aCookieDeclaredForAnotherDomainIsUndeclaredAndSaysWhere() {
		assertThat(failing(visit(VisitState.ACCEPTED, cookie("tp_id", ".tracker.example"))))
			.extracting(Finding::kind, Finding::detail)
			.containsExactly(tuple(FindingKind.UNDECLARED, "not in the registry (domain .tracker.example, path /, "
					+ "lifetime session); tp_id is declared for the domain 127.0.0.2"));
	}

	@Test
	void aRequiredCookieNeedsNoDecision() {
		assertThat(failing(visit(VisitState.NONE, cookie("csrftoken", (Instant) null)),
				visit(VisitState.REFUSED, cookie("csrftoken", (Instant) null)))).isEmpty();
	}

	@Test
	void aLifetimeOverTheDeclaredOneByMoreThanADayIsAFinding() {
		assertThat(failing(visit(VisitState.NONE, cookie("sessionid", AT.plus(Duration.ofDays(15)))))).isEmpty();
		assertThat(failing(visit(VisitState.NONE, cookie("sessionid", AT.plus(Duration.ofDays(15).plusSeconds(1))))))
			.extracting(Finding::kind, Finding::detail)
			.containsExactly(tuple(FindingKind.LIFETIME_OVER_DECLARED, "lives 15.1 days, declared P2W"));
		// Clock amounts too: 30 minutes declared.
		assertThat(failing(visit(VisitState.ACCEPTED,
				cookie("_pk_ses.1", AT.plus(Duration.ofDays(1).plusMinutes(30)))))).isEmpty();
		assertThat(failing(visit(VisitState.ACCEPTED,
				cookie("_pk_ses.1", AT.plus(Duration.ofDays(1).plusMinutes(31))))))
			.extracting(Finding::kind)
			.containsExactly(FindingKind.LIFETIME_OVER_DECLARED);
	}

	@Test
	void aCookieDeclaredForTheSessionMayNotOutliveIt() {
		assertThat(failing(visit(VisitState.NONE, cookie("django_language", AT.plus(Duration.ofHours(1))))))
			.extracting(Finding::kind, Finding::detail)
			.containsExactly(tuple(FindingKind.LIFETIME_OVER_DECLARED, "lives 1 hour, declared session"));
	}

	@Test
	void calendarLifetimesCountInCalendarMonths() {
		// Declared P1Y: a year from 31 January 2026 is 31 January 2027 (365 days), a day of tolerance on top.
		Instant yearLater = AT.atOffset(ZoneOffset.UTC).plusYears(1).toInstant();
		assertThat(failing(visit(VisitState.NONE, cookie("csrftoken", yearLater.plus(Duration.ofDays(1)))))).isEmpty();
		assertThat(failing(visit(VisitState.NONE, cookie("csrftoken", yearLater.plus(Duration.ofDays(1)).plusSeconds(1)))))
			.extracting(Finding::kind)
			.containsExactly(FindingKind.LIFETIME_OVER_DECLARED);
	}

	@Test
	void anExemptCookieLivingOverThirteenMonthsIsAFindingEvenWhenDeclaredSo() {
		// 31 January 2026 plus 13 months is 28 February 2027: 393 days.
		Instant thirteenMonths = AT.atOffset(ZoneOffset.UTC).plusMonths(13).toInstant();
		assertThat(failing(visit(VisitState.NONE, cookie("long_pref", thirteenMonths.plus(Duration.ofDays(1))))))
			.isEmpty();

		assertThat(failing(visit(VisitState.NONE,
				cookie("long_pref", thirteenMonths.plus(Duration.ofDays(1)).plusSeconds(1)))))
			.extracting(Finding::kind, Finding::detail)
			.containsExactly(tuple(FindingKind.LIFETIME_OVER_13_MONTHS,
					"lives 394.1 days, over 13 months, in the category necessary (exempt from consent)"));
	}

	@Test
	void aLifetimeAtChromiumsCapSaysSo() {
		// Sent for two years, kept for 400 days: read two seconds after it was set.
		assertThat(failing(visit(VisitState.NONE, cookie("long_pref", AT.plus(Duration.ofDays(400)).minusSeconds(2)))))
			.extracting(Finding::detail)
			.containsExactly("lives 400 days (Chromium keeps a cookie 400 days at most: a longer lifetime sent shows as "
					+ "400 days), over 13 months, in the category necessary (exempt from consent)");
		assertThat(Lifetimes.atChromiumsCap(AT, AT.plus(Duration.ofDays(399)))).isFalse();
		assertThat(Lifetimes.atChromiumsCap(AT, null)).isFalse();
	}

	@Test
	void theThirteenMonthLimitIsForExemptCategoriesOnly() {
		Instant twoYears = AT.plus(Duration.ofDays(730));

		assertThat(failing(visit(VisitState.ACCEPTED, cookie("_pk_id.1", twoYears))))
			.extracting(Finding::kind)
			.containsExactly(FindingKind.LIFETIME_OVER_DECLARED);
		assertThat(failing(visit(VisitState.ACCEPTED, cookie("long_pref", (Instant) null)))).isEmpty();
	}

	@Test
	void aThirdPartyHostServingAnOptionalCookieMayNotBeContactedBeforeConsentNorAfterRefusal() {
		assertThat(failing(contacting(VisitState.NONE, "127.0.0.2", "cdn.example.net"),
				contacting(VisitState.REFUSED, "127.0.0.2"), contacting(VisitState.ACCEPTED, "127.0.0.2")))
			.extracting(Finding::kind, Finding::state, Finding::cookie, Finding::host, Finding::detail)
			.containsExactly(
					tuple(FindingKind.BEFORE_CONSENT, VisitState.NONE, null, "127.0.0.2",
							"contacted with no decision; it serves tp_id (ads)"),
					tuple(FindingKind.AFTER_REFUSAL, VisitState.REFUSED, null, "127.0.0.2",
							"contacted after a refusal; it serves tp_id (ads)"));
	}

	@Test
	void aDeclarationSeenNowhereIsInformationNotAFailure() {
		List<Finding> findings = FINDINGS.of(List.of(visit(VisitState.NONE, cookie("sessionid", (Instant) null)),
				visit(VisitState.ACCEPTED, cookie("_pk_id.9", (Instant) null))));

		assertThat(findings).extracting(Finding::kind).containsOnly(FindingKind.NEVER_SEEN);
		assertThat(findings).extracting(Finding::cookie)
			.containsExactly("django_language", "csrftoken", "cookies_preferences", "long_pref", "js_long_pref",
					"_pk_ses.*", "tp_id", "never_set");
		assertThat(findings.get(6)).extracting(Finding::state, Finding::page, Finding::host, Finding::detail)
			.containsExactly(null, null, "127.0.0.2", "declared (ads, P6M) but seen in no state on any page scanned");
		assertThat(FindingKind.NEVER_SEEN.fails()).isFalse();
		assertThat(FindingKind.UNDECLARED.fails()).isTrue();
	}

	@Test
	void theSameCookieSeenTwiceInOneVisitIsOneFinding() {
		SeenCookie tracker = cookie("tracker", (Instant) null);

		assertThat(failing(visit(VisitState.NONE, tracker, tracker))).hasSize(1);
	}

	@Test
	void theKindsAreNamedAsTheReportNamesThem() {
		assertThat(Arrays.stream(FindingKind.values()).map(FindingKind::id)).containsExactly("undeclared",
				"before-consent", "after-refusal", "lifetime-over-declared", "lifetime-over-13-months", "never-seen");
		assertThat(Arrays.stream(VisitState.values()).map(VisitState::id)).containsExactly("none", "refused",
				"accepted");
	}

	@Test
	void lifetimesInWords() {
		assertThat(Lifetimes.describe(AT, null)).isEqualTo("session");
		assertThat(Lifetimes.describe(AT, AT)).isEqualTo("0 minutes");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(29))).isEqualTo("1 minute");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(60))).isEqualTo("1 minute");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(61))).isEqualTo("2 minutes");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(3599))).isEqualTo("60 minutes");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(3600))).isEqualTo("1 hour");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(3600 + 1))).isEqualTo("1.1 hours");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(3600 + 1800))).isEqualTo("1.5 hours");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(86400))).isEqualTo("24 hours");
		// Hours up to three days: 2 days and 1 hour is 49 hours, not 2 days.
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(2 * 86400 + 3600))).isEqualTo("49 hours");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(3 * 86400))).isEqualTo("3 days");
		// Just over a limit never reads as the limit: 15 days and a minute is 15.1 days.
		assertThat(Lifetimes.describe(AT, AT.plus(Duration.ofDays(15)).plusSeconds(60))).isEqualTo("15.1 days");
		assertThat(Lifetimes.describe(AT, AT.plus(Duration.ofDays(15).plusHours(12)))).isEqualTo("15.5 days");
		// A cookie read a moment after it was set for 10 days lives 10 days, not 9.9.
		assertThat(Lifetimes.describe(AT, AT.plus(Duration.ofDays(10)).minusSeconds(2))).isEqualTo("10 days");
	}

}
