package org.chartecookies.consent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import org.chartecookies.PageText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a platform's SSI include of an embed gets ({@code /cookies/embed}), what its Consent Mode script says
 * ({@code /cookies/consent-mode.js}), and which frames its pages may show: with the test registry of embeds, whose
 * provider is {@code http://127.0.0.1:1}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "charte.registry.location=classpath:registries/embeds.yaml")
@AutoConfigureMockMvc
class EmbedRouteTest {

	private static final String PLAYER = "http%3A%2F%2F127.0.0.1%3A1%2Fplayer%2F7";

	@Autowired
	private MockMvcTester mvc;

	@LocalServerPort
	private int port;

	@Test
	void anUndecidedVisitorGetsThePlaceholderForTheProxysPage() {
		MvcTestResult embed = this.mvc.get()
			.uri(URI.create("/cookies/embed?id=videotheque&src=" + PLAYER + "&title=Le%20jardin&ratio=4x3"))
			.header("X-Charte-Page", "/datasets/garden?q=1")
			.exchange();

		assertThat(embed).hasStatusOk();
		assertThat(String.join(", ", embed.getResponse().getHeaders(HttpHeaders.VARY)))
			.as("what the answer depends on").contains("X-Charte-Page", "Cookie", "Accept-Language");
		String html = PageText.html(embed);
		assertThat(html).doesNotContain("<iframe")
			.contains("class=\"cookie-embed cookie-embed--4x3\"", "data-src=\"http://127.0.0.1:1/player/7\"",
					"name=\"return\" value=\"/datasets/garden?q=1\"", "name=\"category\" value=\"video\"",
					"href=\"/datasets/garden?q=1&amp;cookies=manage\"");
		assertThat(PageText.normalized(PageText.of(html))).contains("Le jardin",
				"Contenu fourni par Vidéothèque SA (le lecteur vidéo de Vidéothèque).");
	}

	/**
	 * A placeholder's button decides as the banner's do, so its form names the same snapshot of what the site shows in
	 * the visitor's language (an outsider's finding: its decisions were recorded as "the form did not name it").
	 */
	@Test
	void thePlaceholdersFormNamesTheSnapshotTheBannersFormsName() {
		String banner = PageText.html(this.mvc.get()
			.uri(URI.create("/cookies/banner?return=/datasets/garden"))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en")
			.exchange());
		String embed = PageText.html(this.mvc.get()
			.uri(URI.create("/cookies/embed?id=videotheque&src=" + PLAYER + "&title=Garden"))
			.header("X-Charte-Page", "/datasets/garden")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en")
			.exchange());

		java.util.regex.Matcher named = java.util.regex.Pattern.compile("name=\"snapshot\" value=\"([0-9a-f]{64})\"")
			.matcher(banner);
		assertThat(named.find()).as(banner).isTrue();
		assertThat(embed).contains("name=\"snapshot\" value=\"" + named.group(1) + "\"");
	}

	@Test
	void aVisitorWhoAcceptedTheCategoryGetsTheFrameAndKeepsTheOtherCategoriesTheyAccepted() {
		MvcTestResult embed = this.mvc.get()
			.uri(URI.create("/cookies/embed?id=videotheque&src=" + PLAYER + "&title=Garden&return=%2Fpage&lang=en"))
			.cookie(ConsentCookies.decision(3, Instant.now(), Map.of("statistics", true, "ads", false, "video", true)))
			.exchange();

		assertThat(PageText.html(embed)).contains("<iframe class=\"cookie-embed__frame\" src=\"http://127.0.0.1:1/player/7\" title=\"Garden\"",
				"cookie-embed--loaded", "Content provided by Vidéothèque SA");
		MvcTestResult other = this.mvc.get()
			.uri(URI.create("/cookies/embed?id=videotheque&src=" + PLAYER + "&title=Garden&return=%2Fpage"))
			.cookie(ConsentCookies.decision(3, Instant.now(), Map.of("statistics", true, "ads", false, "video", false)))
			.exchange();
		assertThat(PageText.html(other)).doesNotContain("<iframe")
			.contains("name=\"category\" value=\"statistics\"")
			.doesNotContain("name=\"category\" value=\"ads\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "id=youtube&src=" + PLAYER + "&title=T", "id=videotheque&src=https%3A%2F%2Fevil.example%2Fx&title=T",
			"id=videotheque&src=javascript%3Aalert(1)&title=T", "id=videotheque&src=%2F%2F127.0.0.1%3A1%2Fx&title=T",
			"id=videotheque&src=http%3A%2F%2Fu%40127.0.0.1%3A1%2Fx&title=T", "id=videotheque&src=" + PLAYER,
			"id=videotheque&src=" + PLAYER + "&title=%20", "id=videotheque&src=" + PLAYER + "&title=T&ratio=2x1",
			"src=" + PLAYER + "&title=T", "id=videotheque&title=T" })
	void anEmbedAskedWrongIsABadRequestThatSaysWhy(String query) throws Exception {
		HttpResponse<String> embed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/embed?" + query)).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(embed.statusCode()).isEqualTo(400);
		assertThat(PageText.of(embed.body())).contains("Ce contenu intégré n'existe pas tel qu'il est demandé")
			.doesNotContain("Exception");
		// Included into the platform's page: the sentence in the embed's place, not a page with a banner of its own.
		assertThat(embed.body().strip()).startsWith("<p class=\"cookie-embed__invalid\"")
			.doesNotContain("<html", "cookie-banner", "<script");
	}

	@Test
	void theConsentModeScriptGivesEachTypeTheCategoryThatGrantsIt() {
		MvcTestResult script = this.mvc.get().uri("/cookies/consent-mode.js").exchange();

		assertThat(script).hasStatusOk();
		assertThat(script).hasContentTypeCompatibleWith("text/javascript");
		assertThat(script).bodyText()
			.isEqualTo("window.cookieConsentMode={\"revision\":3,\"types\":{\"ad_personalization\":\"ads\","
					+ "\"ad_storage\":\"ads\",\"ad_user_data\":\"ads\",\"analytics_storage\":\"statistics\","
					+ "\"security_storage\":\"*\"}};\n");
	}

	@Test
	void pagesMayFrameTheEmbedsOriginsAndNoOther() {
		MvcTestResult page = this.mvc.get().uri("/cookies").exchange();

		assertThat(page.getResponse().getHeader("Content-Security-Policy")).contains("default-src 'none'")
			.endsWith("; frame-src http://127.0.0.1:1");
	}

}
