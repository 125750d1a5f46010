package org.chartecookies.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's context: the page (where the banner sends the visitor back to), its cookies switch, the language and the
 * consent, worked out once per request, with nothing from the query that the page does not use.
 */
class PageContextsTest {

	private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

	private static final CookieRegistry REGISTRY = Registries.load("registries/two-optional-categories.yaml");

	private final PageContexts contexts = new PageContexts(
			new ConsentCookieReader(Registries.requestSites(REGISTRY), new ConsentProperties(Period.ofMonths(6), null),
					Clock.fixed(NOW, ZoneOffset.UTC)),
			new FixedLocaleResolver(Locale.ENGLISH), Registries.requestSites(REGISTRY));

	private static MockHttpServletRequest get(String path, String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setQueryString(query);
		return request;
	}

	@ParameterizedTest(name = "{0} {1}?{2} -> {3} {4}")
	@CsvSource(nullValues = "-", textBlock = """
			GET,  /cookies,            -,                             /cookies,    NONE
			GET,  /cookies,            utm_source=x,                  /cookies,    NONE
			GET,  /cookies,            cookies=manage,                /cookies,    MANAGE
			GET,  /cookies,            utm_source=x&cookies=saved,    /cookies,    SAVED
			GET,  /cookies,            cookies=saved&cookies=manage,  /cookies,    SAVED
			GET,  /cookies,            cookies=MANAGE,                /cookies,    NONE
			GET,  /cookies,            cookies=other,                 /cookies,    NONE
			GET,  /cookies,            cookies,                       /cookies,    NONE
			HEAD, /echo,               cookies=manage,                /echo,       MANAGE
			GET,  /cookies;x=1,        -,                             /cookies,    NONE
			GET,  /c%6Fokies,          -,                             /cookies,    NONE
			GET,  /a%3Fb,              -,                             /cookies,    NONE
			GET,  /a%23b,              -,                             /cookies,    NONE
			GET,  /a%0Db,              -,                             /cookies,    NONE
			POST, /cookies/consent,    -,                             /cookies,    NONE
			PUT,  /echo,               -,                             /cookies,    NONE
			""")
	void aPageIsItsPathAndItsSwitch(String method, String path, String query, String page, BannerSwitch banner) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setQueryString(query);

		PageContext context = this.contexts.of(request);

		assertThat(context.path()).isEqualTo(page);
		assertThat(context.banner()).isEqualTo(banner);
		assertThat(context.language()).isEqualTo(Locale.ENGLISH);
	}

	@Test
	void theVisitorsConsentIsPartOfTheContext() {
		MockHttpServletRequest request = get("/cookies", null);
		request.setCookies(ConsentCookies.decision(REGISTRY.revision(), NOW.minusSeconds(60),
				Map.of("statistics", true, "video", false)));
		request.addHeader("Sec-GPC", "1");

		ConsentState consent = this.contexts.of(request).consent();

		assertThat(consent).isEqualTo(new ConsentState(Map.of("statistics", true, "video", false), false, true));
	}

	@Test
	void contextsOfTwoVisitorsWithTheSameChoicesAreEqual() {
		MockHttpServletRequest one = get("/cookies", "utm_source=a");
		one.setCookies(ConsentCookies.decision(REGISTRY.revision(), NOW.minusSeconds(60),
				Map.of("statistics", true, "video", false)));
		MockHttpServletRequest other = get("/cookies", "utm_source=b");
		other.setCookies(ConsentCookies.cookie(ConsentCookieCodec.encode(new ConsentDecision(REGISTRY.revision(),
				NOW.minusSeconds(3600), "x".repeat(21) + "w", Map.of("video", false, "statistics", true)))));

		assertThat(this.contexts.of(one)).isEqualTo(this.contexts.of(other));
	}

	@Test
	void theContextIsWorkedOutOncePerRequest() {
		MockHttpServletRequest request = get("/cookies", "cookies=manage");
		PageContext first = this.contexts.of(request);

		request.setQueryString("cookies=saved");

		assertThat(this.contexts.of(request)).isSameAs(first);
	}

	@ParameterizedTest(name = "error page for {0} {1} -> {2}")
	@CsvSource(nullValues = "-", textBlock = """
			GET,   /datasets/missing,  /datasets/missing
			HEAD,  /datasets/missing,  /datasets/missing
			GET,   //evil.example,     /cookies
			GET,   -,                  /cookies
			POST,  /cookies/consent,   /cookies
			""")
	void anErrorPageIsThePageItIsShownFor(String method, String original, String page) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		if (original != null) {
			request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, original);
		}

		assertThat(this.contexts.of(request).path()).isEqualTo(page);
	}

	@ParameterizedTest(name = "error {0} for {1} -> {2}")
	@CsvSource(textBlock = """
			404,  /datasets/missing,  /cookies
			500,  /datasets/missing,  /datasets/missing
			403,  /datasets/private,  /datasets/private
			""")
	void aMissingPageIsNowhereToComeBackTo(int status, String original, String page) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, original);
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);

		assertThat(this.contexts.of(request).path()).isEqualTo(page);
	}

	@Test
	void theErrorPageShownForARequestIsAnotherPageThanTheOneAskedFor() {
		MockHttpServletRequest request = get("/datasets/missing", null);
		PageContext asked = this.contexts.of(request);

		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/datasets/missing");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);
		PageContext shown = this.contexts.of(request);

		assertThat(asked.path()).isEqualTo("/datasets/missing");
		assertThat(shown.path()).as("a missing page's banner leads to the charter").isEqualTo("/cookies");
		assertThat(this.contexts.of(request)).as("worked out once for the error page too").isSameAs(shown);
	}

	@ParameterizedTest(name = "banner for {0} cookies={1} -> {2} {3}")
	@CsvSource(nullValues = "-", textBlock = """
			/datasets?q=paris,                 -,       /datasets?q=paris,  NONE
			/datasets?q=paris&cookies=manage,  -,       /datasets?q=paris,  MANAGE
			/datasets?cookies=manage,          saved,   /datasets,          SAVED
			/datasets?cookies=manage,          '',      /datasets,          MANAGE
			/datasets,                         manage,  /datasets,          MANAGE
			https://evil.example/,             manage,  /cookies,           MANAGE
			-,                                 -,       /cookies,           NONE
			""")
	void anEmbeddingPageIsItsAddressAndItsSwitch(String address, String mode, String page, BannerSwitch banner) {
		PageContext context = this.contexts.embedding(get("/cookies/banner", null), address, mode);

		assertThat(context.path()).isEqualTo(page);
		assertThat(context.banner()).isEqualTo(banner);
		assertThat(context.language()).isEqualTo(Locale.ENGLISH);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			/cookies,            /cookies?cookies=manage
			/datasets?q=paris,   /datasets?q=paris&cookies=manage
			""")
	void gererMesCookiesOpensTheChoicesOnTheSamePage(String page, String manageUrl) {
		PageContext context = new PageContext(Registries.site(REGISTRY), page, BannerSwitch.SAVED, Locale.FRENCH, ConsentState.NOBODY);

		assertThat(context.manageUrl()).isEqualTo(manageUrl);
	}

}
