package org.chartecookies.consent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.chartecookies.PageText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent endpoint and the banner, against the default registry (one optional category: statistics).
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConsentEndpointTest {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void refusingAllRecordsTheRefusalAndGoesBackToThePage() {
		Instant before = Instant.now().minusSeconds(1);
		MvcTestResult result = post("decision", "reject-all", "return", "/cookies?lang=en");

		assertThat(result).hasStatus(303).hasRedirectedUrl("/cookies?lang=en&cookies=saved");
		// It sets a cookie: no cache may keep it.
		assertThat(result).headers().hasValue(HttpHeaders.CACHE_CONTROL, "no-store");
		ConsentDecision decision = ConsentCookies.decoded(setCookie(result));
		assertThat(decision.choices()).containsExactly(Map.entry("statistics", false));
		assertThat(decision.revision()).isEqualTo(1);
		assertThat(decision.decidedAt()).isBetween(before, Instant.now().plusSeconds(1));
		assertThat(decision.consentId()).hasSize(22);
	}

	@Test
	void acceptingAllRecordsEveryOptionalCategoryAsAccepted() {
		MvcTestResult result = post("decision", "accept-all", "return", "/cookies");

		assertThat(ConsentCookies.decoded(setCookie(result)).choices()).containsExactly(Map.entry("statistics", true));
	}

	@Test
	void customDecisionAcceptsExactlyTheListedCategories() {
		assertThat(ConsentCookies.decoded(setCookie(post("decision", "custom", "category", "statistics"))).choices())
			.containsExactly(Map.entry("statistics", true));
		assertThat(ConsentCookies.decoded(setCookie(post("decision", "custom"))).choices())
			.containsExactly(Map.entry("statistics", false));
	}

	@Test
	void cookieIsSiteWideLaxReadableByScriptsAndLastsSixMonths() {
		String header = setCookie(post("decision", "reject-all"));
		Instant decidedAt = ConsentCookies.decoded(header).decidedAt();
		long sixMonths = Duration
			.between(decidedAt, decidedAt.atOffset(ZoneOffset.UTC).plus(Period.ofMonths(6)).toInstant())
			.toSeconds();

		assertThat(header).startsWith("cookies_preferences=")
			.contains("; Path=/")
			.contains("; SameSite=Lax")
			.contains("; Max-Age=" + sixMonths)
			.doesNotContain("HttpOnly")
			.doesNotContain("Secure");
		assertThat(header.substring(0, header.indexOf(';')).length()).isLessThan(512);
	}

	@Test
	void everyIdIsNew() {
		assertThat(ConsentCookies.decoded(setCookie(post("decision", "reject-all"))).consentId())
			.isNotEqualTo(ConsentCookies.decoded(setCookie(post("decision", "reject-all"))).consentId());
	}

	@Test
	void scriptThatAsksForJsonGetsTheDecision() {
		MvcTestResult result = this.mvc.post()
			.uri("/cookies/consent")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.content("decision=custom&category=statistics")
			.exchange();

		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result).headers().hasValue(HttpHeaders.CACHE_CONTROL, "no-store");
		assertThat(result).bodyJson().extractingPath("$.categories.statistics").isEqualTo(true);
		assertThat(result).bodyJson().extractingPath("$.revision").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.consentId")
			.isEqualTo(ConsentCookies.decoded(setCookie(result)).consentId());
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)",
			"cookies", "/cookies\r\nSet-Cookie: x=1", "/%0d%0aLocation: https://evil.example" })
	void returnPathOutsideTheSiteGoesToTheCharter(String hostile) {
		MvcTestResult result = post("decision", "reject-all", "return", hostile);

		assertThat(result).hasStatus(303).hasRedirectedUrl("/cookies?cookies=saved");
	}

	@Test
	void aDecisionOnTheLongestPageAcceptedGoesBackToItAndConfirmsIt() {
		String longest = "/" + "a".repeat(2047);

		assertThat(post("decision", "reject-all", "return", longest)).hasStatus(303)
			.hasRedirectedUrl(longest + "?cookies=saved");
		assertThat(post("decision", "reject-all", "return", longest + "a")).hasStatus(303)
			.hasRedirectedUrl("/cookies?cookies=saved");
	}

	@Test
	void pageAfterADecisionConfirmsItAndOffersToHideTheMessage() {
		Cookie mixed = ConsentCookies.decision(1, Instant.now(), Map.of("statistics", false));
		String html = PageText.html(this.mvc.get().uri("/cookies?lang=en&cookies=saved").cookie(mixed).exchange());
		String banner = PageText.ofElement(html, "cookie-banner");

		// The page is /cookies: the language is remembered by its cookie, not carried in every link.
		assertThat(html).contains("role=\"status\"").contains("href=\"/cookies\" data-cookie-hide");
		assertThat(banner).contains("You have refused the optional cookies: Audience measurement cookies / statistics.",
				"You can change your mind at any time", "Manage my cookies", "Hide this message")
			.doesNotContain("Accept all");
	}

	@Test
	void confirmationIsOnlyShownForACurrentDecision() {
		String html = PageText.html(this.mvc.get().uri("/cookies?cookies=saved").exchange());

		assertThat(PageText.ofElement(html, "cookie-banner")).contains("Tout accepter").doesNotContain("Masquer");
	}

	@Test
	void bannerAloneIsServedForThePageItIsOn() {
		MvcTestResult fragment = this.mvc.get()
			.uri(URI.create("/cookies/banner?return=%2Fdatasets%3Fq%3Dx&lang=en"))
			.exchange();

		assertThat(fragment).hasStatusOk();
		assertThat(PageText.html(fragment)).startsWith("<div id=\"cookie-banner\"")
			.contains("name=\"return\" value=\"/datasets?q=x\"")
			.contains("Accept all")
			.doesNotContain("<html", "<body");
		Cookie decided = ConsentCookies.decision(1, Instant.now(), Map.of("statistics", true));
		assertThat(this.mvc.get().uri("/cookies/banner?return=/datasets").cookie(decided).exchange()).hasStatus(204)
			.body().isEmpty();
		assertThat(PageText.html(this.mvc.get()
			.uri(URI.create("/cookies/banner?return=%2Fdatasets%3Fcookies%3Dsaved"))
			.cookie(decided)
			.exchange())).contains("role=\"status\"");
		assertThat(PageText.html(this.mvc.get()
			.uri(URI.create("/cookies/banner?return=https%3A%2F%2Fevil.example%2F"))
			.exchange()))
			.contains("name=\"return\" value=\"/cookies\"");
	}

	@Test
	void missingDecisionIsABadRequest() {
		assertThat(post("return", "/cookies")).hasStatus(400).doesNotContainHeader(HttpHeaders.SET_COOKIE);
	}

	@Test
	void unknownDecisionIsABadRequest() {
		assertThat(post("decision", "accept-some")).hasStatus(400).doesNotContainHeader(HttpHeaders.SET_COOKIE);
		// "acknowledge" only answers the notice shown when no category needs consent.
		assertThat(post("decision", "acknowledge")).hasStatus(400).doesNotContainHeader(HttpHeaders.SET_COOKIE);
	}

	@Test
	void unknownCategoryIsABadRequest() {
		assertThat(post("decision", "custom", "category", "advertising")).hasStatus(400)
			.doesNotContainHeader(HttpHeaders.SET_COOKIE);
	}

	@Test
	void theBannersFormsSayWhichRevisionTheyShow() {
		String html = PageText.html(this.mvc.get().uri("/cookies").exchange());

		assertThat(html).contains("<input type=\"hidden\" name=\"revision\" value=\"1\">");
	}

	@Test
	void aFormShownForAnotherRevisionDecidesNothingAndSaysTheCharterChanged() {
		// The registry is at revision 1: a banner shown before it changed may not have shown every category.
		MvcTestResult stale = post("decision", "accept-all", "return", "/cookies", "revision", "0");
		assertThat(stale).hasStatus(409).doesNotContainHeader(HttpHeaders.SET_COOKIE);

		MvcTestResult script = this.mvc.post()
			.uri("/cookies/consent")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.param("decision", "accept-all")
			.param("revision", "2")
			.exchange();
		assertThat(script).hasStatus(409).doesNotContainHeader(HttpHeaders.SET_COOKIE);

		assertThat(post("decision", "accept-all", "return", "/cookies", "revision", "1")).hasStatus(303)
			.containsHeader(HttpHeaders.SET_COOKIE);
	}

	@Test
	void crossSitePostIsForbidden() {
		assertThat(this.mvc.post()
			.uri("/cookies/consent")
			.header("Sec-Fetch-Site", "cross-site")
			.param("decision", "accept-all")
			.exchange()).hasStatus(403).doesNotContainHeader(HttpHeaders.SET_COOKIE);
		assertThat(this.mvc.post()
			.uri("/cookies/consent")
			.header("Origin", "https://evil.example")
			.param("decision", "accept-all")
			.exchange()).hasStatus(403).doesNotContainHeader(HttpHeaders.SET_COOKIE);
		assertThat(this.mvc.post()
			.uri("/cookies/consent")
			.header("Sec-Fetch-Site", "same-origin")
			.header("Origin", "http://localhost")
			.param("decision", "accept-all")
			.exchange()).hasStatus(303);
	}

	@Test
	void bannerIsShownUntilAValidCurrentDecisionExists() {
		assertThat(banner(page(null))).isTrue();
		assertThat(banner(page(ConsentCookies.decision(1, Instant.now(), Map.of("statistics", false))))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "v=1", "v=2&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=statistics",
			"v=1&rev=1&at=1&id=short&accepted=&refused=statistics",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=statistics&refused=statistics",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=ads&refused=statistics",
			"v=1&rev=1&at=99999999999&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=statistics",
			"v=1&rev=1&at=-5&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=statistics" })
	void tamperedTruncatedOrGarbageCookieCountsAsNoDecision(String value) {
		assertThat(banner(page(ConsentCookies.cookie(value)))).isTrue();
	}

	@Test
	void decisionAboutAnotherRevisionCountsAsNoDecision() {
		assertThat(banner(page(ConsentCookies.decision(2, Instant.now(), Map.of("statistics", true))))).isTrue();
	}

	@Test
	void decisionOlderThanItsLifetimeCountsAsNoDecision() {
		Instant sevenMonthsAgo = Instant.now().atOffset(ZoneOffset.UTC).minusMonths(7).toInstant();
		Instant fiveMonthsAgo = Instant.now().atOffset(ZoneOffset.UTC).minusMonths(5).toInstant();

		assertThat(banner(page(ConsentCookies.decision(1, sevenMonthsAgo, Map.of("statistics", true))))).isTrue();
		assertThat(banner(page(ConsentCookies.decision(1, fiveMonthsAgo, Map.of("statistics", true))))).isFalse();
	}

	@Test
	void oversizedCookieCountsAsNoDecision() {
		assertThat(banner(page(ConsentCookies.cookie("v=1&" + "x".repeat(5000))))).isTrue();
	}

	@Test
	void manageLinkReopensTheChoicesPreFilledWithTheCurrentDecision() {
		Cookie accepted = ConsentCookies.decision(1, Instant.now(), Map.of("statistics", true));
		String html = PageText.html(this.mvc.get().uri("/cookies?cookies=manage").cookie(accepted).exchange());

		assertThat(input(html, "statistics")).contains("checked=\"checked\"");
		assertThat(html).contains("id=\"cookie-banner\"").contains("<details class=\"cookie-banner__details\" open")
			.contains("name=\"return\" value=\"/cookies\"");
	}

	@Test
	void everyPageOffersToManageCookies() {
		Cookie refused = ConsentCookies.decision(1, Instant.now(), Map.of("statistics", false));
		String html = PageText.html(this.mvc.get().uri("/cookies?lang=en").cookie(refused).exchange());

		assertThat(html).contains("href=\"/cookies?cookies=manage\"");
		assertThat(PageText.of(html)).contains("Manage my cookies", "Audience measurement cookies / statistics: refused");
	}

	@Test
	void bannerOffersAcceptAndRefuseSideBySideAndOneChoicePerOptionalCategory() {
		String html = PageText.html(this.mvc.get().uri("/cookies").exchange());
		String banner = PageText.ofElement(html, "cookie-banner");

		assertThat(html).containsPattern(
				"value=\"accept-all\" class=\"cookie-banner__button\">[^<]+</button>\\s*<button type=\"submit\" name=\"decision\" value=\"reject-all\" class=\"cookie-banner__button\">");
		assertThat(banner).contains("Tout accepter", "Tout refuser", "Personnaliser", "Lire la charte cookies",
				"Cookies de mesure d'audience / statistiques", "(toujours actifs)");
		assertThat(html).as("the always-on category is said, not offered as a box")
			.doesNotContainPattern("<input[^>]*\\svalue=\"necessary\"");
		assertThat(input(html, "statistics")).doesNotContain("disabled", "checked");
		assertThat(PageText.ofElement(PageText.html(this.mvc.get().uri("/cookies?lang=en").exchange()),
				"cookie-banner")).contains("Accept all", "Reject all", "Customise", "Read the cookie charter");
	}

	/** The banner's checkbox for a category, whole, whatever the order of its attributes. */
	private static String input(String html, String category) {
		Matcher input = Pattern.compile("<input[^>]*\\svalue=\"" + category + "\"[^>]*>").matcher(html);
		assertThat(input.find()).as("checkbox for " + category).isTrue();
		return input.group();
	}

	private MvcTestResult post(String... fields) {
		var request = this.mvc.post().uri("/cookies/consent").contentType(MediaType.APPLICATION_FORM_URLENCODED);
		for (int i = 0; i < fields.length; i += 2) {
			request = request.param(fields[i], fields[i + 1]);
		}
		return request.exchange();
	}

	private MvcTestResult page(Cookie cookie) {
		var request = this.mvc.get().uri("/cookies");
		return (cookie != null) ? request.cookie(cookie).exchange() : request.exchange();
	}

	private static boolean banner(MvcTestResult page) {
		assertThat(page).hasStatusOk();
		return PageText.html(page).contains("id=\"cookie-banner\"");
	}

	private static String setCookie(MvcTestResult result) {
		String header = result.getResponse().getHeader(HttpHeaders.SET_COOKIE);
		assertThat(header).as("Set-Cookie").isNotNull();
		return header;
	}

}
