package org.chartecookies.sites;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sites behind a proxy, over real HTTP: each site's page lets its forms post to its own origin only, and a
 * decision posted from a site's own origin is taken when the trusted proxy forwards that host, refused when anyone
 * else claims it.
 */
class SitesBehindTheProxyTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static HttpResponse<String> send(int port, String method, String path, String... headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("decision=reject-all")
					: HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/x-www-form-urlencoded");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The deployment trusts one site's origin and another (to post decisions from them, say). */
	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "charte.registry.folder=examples/sites",
					"charte.security.trusted-origins=https://opendata.example.org,https://www.example.org" })
	class FromTheTrustedProxy {

		@LocalServerPort
		private int port;

		@Test
		void eachSitesPageLetsItsFormsPostToItsOwnOriginOnly() throws Exception {
			for (String host : new String[] { "shop.example.org", "opendata.example.org" }) {
				HttpResponse<String> page = send(this.port, "GET", "/cookies", "X-Forwarded-Host", host,
						"X-Forwarded-Proto", "https");

				assertThat(page.statusCode()).isEqualTo(200);
				assertThat(page.body()).contains("action=\"/cookies/consent\"");
				assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).as(host)
					.contains("; form-action 'self'; ")
					.doesNotContain("example.org");
			}
		}

		@Test
		void aDecisionFromTheForwardedHostsOwnOriginIsTaken() throws Exception {
			HttpResponse<String> taken = send(this.port, "POST", "/cookies/consent", "X-Forwarded-Host",
					"shop.example.org", "X-Forwarded-Proto", "https", "Origin", "https://shop.example.org");

			assertThat(taken.statusCode()).isEqualTo(303);
			assertThat(taken.headers().allValues("Set-Cookie")).anyMatch((c) -> c.startsWith("cookies_preferences="));

			assertThat(send(this.port, "POST", "/cookies/consent", "X-Forwarded-Host", "shop.example.org",
					"X-Forwarded-Proto", "https", "Origin", "https://evil.example").statusCode())
				.as("another origin still")
				.isEqualTo(403);
			assertThat(send(this.port, "POST", "/cookies/consent", "X-Forwarded-Host", "shop.example.org",
					"X-Forwarded-Proto", "https", "Origin", "http://localhost:" + this.port).statusCode())
				.as("the raw Host is not the site's origin")
				.isEqualTo(403);
		}

	}

	/** No proxy is trusted: forwarded headers are anyone's claim, and change nothing. */
	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "charte.registry.folder=examples/sites", "charte.registry.default-site=shop",
					"server.tomcat.remoteip.internal-proxies=" })
	class FromAnUntrustedClient {

		@LocalServerPort
		private int port;

		@Test
		void aDecisionClaimingAForwardedHostIsRefused() throws Exception {
			HttpResponse<String> refused = send(this.port, "POST", "/cookies/consent", "X-Forwarded-Host",
					"shop.example.org", "X-Forwarded-Proto", "https", "Origin", "https://shop.example.org");

			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("cookies_preferences="));
			assertThat(send(this.port, "POST", "/cookies/consent", "Origin", "http://localhost:" + this.port)
				.statusCode()).as("its own origin, as it connected").isEqualTo(303);
		}

	}

}
