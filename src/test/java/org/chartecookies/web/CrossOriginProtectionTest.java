package org.chartecookies.web;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Which requests may change state, as a table: method, Sec-Fetch-Site, Origin, Host and trusted origins ("-" for
 * none, "|" between several) give allowed or refused, as Go 1.25's http.CrossOriginProtection decides.
 */
class CrossOriginProtectionTest {

	@ParameterizedTest(name = "{0} Sec-Fetch-Site={1} Origin={2} Host={3} trusted={4} -> {5}")
	@CsvSource(nullValues = "-", textBlock = """
			GET,     cross-site,  https://evil.example,          charte.example.org,      -,                        allowed
			HEAD,    cross-site,  https://evil.example,          charte.example.org,      -,                        allowed
			OPTIONS, cross-site,  https://evil.example,          charte.example.org,      -,                        allowed
			POST,    same-origin, -,                             charte.example.org,      -,                        allowed
			POST,    same-origin, https://evil.example,          charte.example.org,      -,                        allowed
			POST,    none,        -,                             charte.example.org,      -,                        allowed
			POST,    cross-site,  https://evil.example,          charte.example.org,      -,                        refused
			POST,    cross-site,  -,                             charte.example.org,      -,                        refused
			POST,    cross-site,  null,                          charte.example.org,      -,                        refused
			POST,    same-site,   https://www.example.org,       charte.example.org,      -,                        refused
			POST,    same-site,   https://www.example.org,       charte.example.org,      https://www.example.org,  allowed
			POST,    same-site,   HTTPS://WWW.EXAMPLE.ORG,       charte.example.org,      https://www.example.org,  allowed
			POST,    same-site,   https://data.example.org,      charte.example.org,      https://www.example.org|https://data.example.org, allowed
			POST,    same-site,   https://www.example.org:8443,  charte.example.org,      https://www.example.org,  refused
			POST,    same-site,   http://www.example.org,        charte.example.org,      https://www.example.org,  refused
			POST,    cross-site,  https://www.example.org.evil.example, charte.example.org, https://www.example.org, refused
			POST,    cross-site,  null,                          charte.example.org,      null,                     refused
			POST,    bogus,       https://charte.example.org,    charte.example.org,      -,                        refused
			POST,    -,           -,                             charte.example.org,      -,                        allowed
			POST,    -,           https://charte.example.org,    charte.example.org,      -,                        allowed
			POST,    -,           HTTPS://CHARTE.EXAMPLE.ORG,    charte.example.org,      -,                        allowed
			POST,    -,           http://localhost:8080,         localhost:8080,          -,                        allowed
			POST,    -,           http://localhost:8081,         localhost:8080,          -,                        refused
			POST,    -,           http://localhost,              localhost:8080,          -,                        refused
			POST,    -,           https://charte.example.org:443, charte.example.org,     -,                        refused
			POST,    -,           http://[::1]:8080,             [::1]:8080,              -,                        allowed
			POST,    -,           http://[::1]:8080,             127.0.0.1:8080,          -,                        refused
			POST,    -,           https://evil.example,          charte.example.org,      -,                        refused
			POST,    -,           https://evil.example,          charte.example.org,      https://evil.example,     allowed
			POST,    -,           null,                          charte.example.org,      -,                        refused
			POST,    -,           https://user@charte.example.org, charte.example.org,    -,                        refused
			POST,    -,           https://user@charte.example.org, user@charte.example.org, -,                      refused
			POST,    '',          https://evil.example,          charte.example.org,      -,                        refused
			POST,    '',          https://charte.example.org,    charte.example.org,      -,                        allowed
			POST,    '',          '',                            charte.example.org,      -,                        allowed
			POST,    -,           '',                            charte.example.org,      -,                        allowed
			POST,    -,           null,                          '',                      -,                        refused
			POST,    -,           not a url,                     '',                      -,                        refused
			POST,    -,           not a url,                     charte.example.org,      -,                        refused
			POST,    -,           //charte.example.org,          charte.example.org,      -,                        refused
			POST,    -,           https://charte.example.org,    -,                       -,                        refused
			PUT,     cross-site,  https://evil.example,          charte.example.org,      -,                        refused
			DELETE,  -,           https://evil.example,          charte.example.org,      -,                        refused
			PATCH,   same-origin, -,                             charte.example.org,      -,                        allowed
			""")
	void decidesLikeGosCrossOriginProtection(String method, String secFetchSite, String origin, String host,
			String trusted, String expected) {
		Set<String> trustedOrigins = (trusted != null)
				? Arrays.stream(trusted.split("\\|")).map(String::toLowerCase).collect(Collectors.toSet()) : Set.of();
		CrossOriginProtection protection = new CrossOriginProtection(trustedOrigins);

		assertThat(protection.isAllowed(method, secFetchSite, origin, host) ? "allowed" : "refused").isEqualTo(expected);
	}

	/**
	 * The request's host and port as compared with {@code Origin}: as Tomcat has them once the trusted proxy's
	 * forwarded headers are applied, the scheme's default port left out.
	 */
	@ParameterizedTest(name = "{0}://{1}:{2} -> {3}")
	@CsvSource(textBlock = """
			http,  shop.example.org, 80,   shop.example.org
			https, shop.example.org, 443,  shop.example.org
			http,  shop.example.org, 443,  shop.example.org:443
			https, shop.example.org, 80,   shop.example.org:80
			http,  localhost,        8080, localhost:8080
			https, localhost,        8443, localhost:8443
			http,  ::1,              8080, [::1]:8080
			http,  [::1],            80,   [::1]
			http,  localhost,        0,    localhost
			http,  localhost,        -1,   localhost
			""")
	void comparesOriginWithTheHostAndPortTheBrowserUsed(String scheme, String host, int port, String expected) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cookies/consent");
		request.setScheme(scheme);
		request.setServerName(host);
		request.setServerPort(port);

		assertThat(CrossOriginProtection.authority(request)).isEqualTo(expected);
	}

	/**
	 * Behind the trusted proxy, the forwarded host (Tomcat's server name and port, not the raw Host header) is the
	 * request's own origin (over real HTTP: SitesBehindTheProxyTest).
	 */
	@Test
	void anOriginEqualToTheForwardedHostPasses() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cookies/consent");
		request.setScheme("https");
		request.setServerName("shop.example.org");
		request.setServerPort(443);
		request.addHeader("Origin", "https://shop.example.org");
		CrossOriginProtection protection = new CrossOriginProtection(Set.of());

		assertThat(protection.preHandle(request, new MockHttpServletResponse(), new Object())).isTrue();

		request.removeHeader("Origin");
		request.addHeader("Origin", "http://127.0.0.1:8080");
		assertThat(catchThrowable(() -> protection.preHandle(request, new MockHttpServletResponse(), new Object())))
			.isInstanceOf(ResponseStatusException.class);
	}

	/** Error pages, forwards and includes come from the application itself and pass. */
	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(textBlock = """
			REQUEST, cross-site,  refused
			ERROR,   cross-site,  allowed
			FORWARD, cross-site,  allowed
			INCLUDE, cross-site,  allowed
			REQUEST, same-origin, allowed
			""")
	void checksTheRequestFromTheClientOnly(DispatcherType dispatch, String site, String expected) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cookies/consent");
		request.setDispatcherType(dispatch);
		request.addHeader("Sec-Fetch-Site", site);
		request.addHeader("Origin", site.equals("same-origin") ? "http://localhost" : "https://evil.example");
		CrossOriginProtection protection = new CrossOriginProtection(Set.of());

		assertOutcome(protection, request, expected);
	}


	/** A site's own trusted origins let a cross-site post through to that site only, in any case; "null" never. */
	@ParameterizedTest(name = "{0} posting to {1}: {2}")
	@CsvSource({ "https://pay.shop.example, shop.example.org, allowed", "HTTPS://PAY.SHOP.EXAMPLE, shop.example.org, allowed",
			"https://pay.shop.example, opendata.example.org, refused", "https://evil.example, shop.example.org, refused",
			"null, shop.example.org, refused", "'', shop.example.org, refused" })
	void aSitesOwnTrustedOriginsLetItsCrossSitePostsThrough(String origin, String host, String expected) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cookies/consent");
		request.addHeader("Host", host);
		request.addHeader("Sec-Fetch-Site", "cross-site");
		if (!origin.isEmpty()) {
			request.addHeader("Origin", origin);
		}
		SiteOrigins sites = (asked) -> asked.getHeader("Host").equals("shop.example.org") ? Set.of("https://pay.shop.example")
				: Set.of();
		CrossOriginProtection protection = new CrossOriginProtection(Set.of(), sites);

		assertOutcome(protection, request, expected);
	}

	/** Allowed: the request goes on to its handler. Refused: a 403, and the handler never runs. */
	private static void assertOutcome(CrossOriginProtection protection, MockHttpServletRequest request, String expected) {
		AtomicBoolean handled = new AtomicBoolean();
		Throwable refusal = catchThrowable(
				() -> handled.set(protection.preHandle(request, new MockHttpServletResponse(), new Object())));

		if (expected.equals("allowed")) {
			assertThat(refusal).isNull();
			assertThat(handled).isTrue();
		}
		else {
			assertThat(refusal).isInstanceOfSatisfying(ResponseStatusException.class,
					(status) -> assertThat(status.getStatusCode().value()).isEqualTo(403));
			assertThat(handled).isFalse();
		}
	}

	@Test
	void aSitesTrustedOriginIsNoOtherSitesOrTheDeploymentsAndAskingNoSiteRefuses() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cookies/consent");
		request.addHeader("Host", "shop.example.org");
		request.addHeader("Origin", "https://pay.shop.example");
		request.addHeader("Sec-Fetch-Site", "cross-site");

		assertThat(catchThrowable(() -> new CrossOriginProtection(Set.of()).preHandle(request,
				new MockHttpServletResponse(), new Object()))).isInstanceOf(ResponseStatusException.class);
	}

}
