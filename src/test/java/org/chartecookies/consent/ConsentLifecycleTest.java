package org.chartecookies.consent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.chartecookies.PageText;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-consent, withdrawal, Global Privacy Control and the read API, on a registry at revision 7 with two optional
 * categories (statistics, whose _pk_id.* cookie is declared with a domain and a path, and video).
 */
@SpringBootTest(properties = { "charte.registry.location=classpath:registries/two-optional-categories.yaml",
		"charte.consent.domain=example.org", "charte.security.trusted-origins=https://www.example.org" })
@AutoConfigureMockMvc
class ConsentLifecycleTest {

	private static final Map<String, Boolean> REFUSED = Map.of("statistics", false, "video", false);

	@Autowired
	private MockMvcTester mvc;

	@Test
	void decisionAboutAnOlderRevisionAsksAgainSayingTheCharterChanged() {
		String banner = banner(page(ConsentCookies.decision(6, Instant.now(), REFUSED)));

		assertThat(banner).contains("La charte cookies a changé depuis votre dernier choix", "Tout accepter");
	}

	@Test
	void decisionOlderThanSixMonthsAsksAgain() {
		Instant longAgo = Instant.now().atOffset(ZoneOffset.UTC).minusMonths(6).minusDays(1).toInstant();

		assertThat(banner(page(ConsentCookies.decision(7, longAgo, REFUSED)))).contains("Tout accepter")
			.doesNotContain("La charte cookies a changé");
	}

	@Test
	void refusingDeletesTheRefusedCategoriesCookiesWithTheirDeclaredDomainAndPath() {
		MvcTestResult answer = this.mvc.post()
			.uri("/cookies/consent")
			.cookie(new Cookie("_pk_id.1.abcd", "x"), new Cookie("sessionid", "s"),
					new Cookie("VISITOR_INFO1_LIVE", "v"))
			.param("decision", "custom")
			.param("category", "video")
			.exchange();

		List<String> setCookies = answer.getResponse().getHeaders(HttpHeaders.SET_COOKIE);
		assertThat(setCookies).anySatisfy((header) -> assertThat(header).startsWith("_pk_id.1.abcd=;")
			.contains("Max-Age=0", "Path=/", "Domain=example.org"));
		assertThat(setCookies).anySatisfy((header) -> assertThat(header).startsWith("_pk_id.1.abcd=;")
			.contains("Max-Age=0", "Path=/")
			.doesNotContain("Domain"));
		// Accepted and required categories keep their cookies.
		assertThat(setCookies).noneMatch((header) -> header.startsWith("VISITOR_INFO1_LIVE=")
				|| header.startsWith("sessionid="));
	}

	@Test
	void acceptingDeletesNothing() {
		MvcTestResult answer = this.mvc.post()
			.uri("/cookies/consent")
			.cookie(new Cookie("_pk_id.1.abcd", "x"))
			.param("decision", "accept-all")
			.exchange();

		assertThat(answer.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).singleElement()
			.satisfies((header) -> assertThat(header).startsWith("cookies_preferences="));
	}

	@Test
	void consentCookieCoversTheConfiguredDomain() {
		MvcTestResult answer = this.mvc.post().uri("/cookies/consent").param("decision", "reject-all").exchange();

		assertThat(answer.getResponse().getHeader(HttpHeaders.SET_COOKIE)).contains("; Domain=example.org");
	}

	@Test
	void trustedSiblingSubdomainMayPost() {
		assertThat(this.mvc.post()
			.uri("/cookies/consent")
			.header("Sec-Fetch-Site", "same-site")
			.header("Origin", "https://www.example.org")
			.param("decision", "reject-all")
			.exchange()).hasStatus(303);
		assertThat(this.mvc.post()
			.uri("/cookies/consent")
			.header("Sec-Fetch-Site", "same-site")
			.header("Origin", "https://other.example.org")
			.param("decision", "reject-all")
			.exchange()).hasStatus(403);
	}

	@Test
	void globalPrivacyControlRefusesUntilTheVisitorAcceptsAndTheBannerSaysSo() {
		MvcTestResult page = this.mvc.get().uri("/cookies").header("Sec-GPC", "1").exchange();
		MvcTestResult status = this.mvc.get().uri("/cookies/consent").header("Sec-GPC", "1").exchange();

		assertThat(banner(page)).contains("Global Privacy Control", "nous le respectons", "Tout accepter");
		assertThat(status).bodyJson().extractingPath("$.globalPrivacyControl").isEqualTo(true);
		assertThat(status).bodyJson().extractingPath("$.decided").isEqualTo(false);
		assertThat(status).bodyJson().extractingPath("$.categories").isEqualTo(Map.of("statistics", false, "video", false));
	}

	@Test
	void explicitAcceptanceWinsOverGlobalPrivacyControl() {
		Cookie accepted = ConsentCookies.decision(7, Instant.now(), Map.of("statistics", true, "video", false));
		MvcTestResult status = this.mvc.get().uri("/cookies/consent").header("Sec-GPC", "1").cookie(accepted).exchange();

		assertThat(PageText.html(this.mvc.get().uri("/cookies").header("Sec-GPC", "1").cookie(accepted).exchange()))
			.doesNotContain("id=\"cookie-banner\"");
		assertThat(status).bodyJson().extractingPath("$.categories.statistics").isEqualTo(true);
	}

	@Test
	void readApiGivesTheCurrentDecisionAndIsNeverCached() {
		Instant at = Instant.parse("2026-11-20T10:15:30Z");
		Cookie decided = ConsentCookies.decision(7, at, Map.of("statistics", true, "video", false));
		MvcTestResult status = this.mvc.get().uri("/cookies/consent").cookie(decided).exchange();

		assertThat(status).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(status.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
		assertThat(status).bodyJson().extractingPath("$.decided").isEqualTo(true);
		assertThat(status).bodyJson().extractingPath("$.revision").isEqualTo(7);
		assertThat(status).bodyJson().extractingPath("$.decidedAt").isEqualTo("2026-11-20T10:15:30Z");
		assertThat(status).bodyJson().extractingPath("$.consentId").isEqualTo(ConsentCookies.CONSENT_ID);
		assertThat(status).bodyJson().extractingPath("$.categories").isEqualTo(Map.of("statistics", true, "video", false));
	}

	@Test
	void gpcDeclarationIsServedAsTheSpecificationDescribes() {
		MvcTestResult gpc = this.mvc.get().uri("/.well-known/gpc.json").exchange();

		assertThat(gpc).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(gpc).bodyJson().extractingPath("$.gpc").isEqualTo(true);
		assertThat(gpc).bodyJson().extractingPath("$.lastUpdate").asString().matches("\\d{4}-\\d{2}-\\d{2}");
	}

	@Test
	void templatesRenderACategorysCodeOnlyOnceItIsAccepted() {
		Cookie accepted = ConsentCookies.decision(7, Instant.now(), Map.of("statistics", true, "video", false));
		Cookie refused = ConsentCookies.decision(7, Instant.now(), REFUSED);

		assertThat(PageText.html(this.mvc.get().uri("/test/gating").exchange())).doesNotContain("server-side.js");
		assertThat(PageText.html(this.mvc.get().uri("/test/gating").header("Sec-GPC", "1").exchange()))
			.doesNotContain("server-side.js");
		assertThat(PageText.html(this.mvc.get().uri("/test/gating").cookie(refused).exchange()))
			.doesNotContain("server-side.js");
		assertThat(PageText.html(this.mvc.get().uri("/test/gating").cookie(accepted).exchange()))
			.contains("server-side.js");
	}

	private MvcTestResult page(Cookie cookie) {
		return this.mvc.get().uri("/cookies").cookie(cookie).exchange();
	}

	private static String banner(MvcTestResult page) {
		assertThat(page).hasStatusOk();
		return PageText.ofElement(PageText.html(page), "cookie-banner");
	}

}
