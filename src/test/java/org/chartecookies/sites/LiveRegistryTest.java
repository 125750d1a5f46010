package org.chartecookies.sites;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator edits, adds, breaks and removes registry files of the folder while the application runs, and visitors
 * see each change without a restart; a broken file never replaces what is served, and says what is wrong in the
 * health details. Real files; the application notices them itself (a file system watch), and the operator's reload
 * endpoint reads the folder at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.health.show-details=always",
				"management.endpoints.web.exposure.include=health,registry" })
class LiveRegistryTest {

	/** How long a change may take to be noticed (the watch reacts at once; polling is the fallback). */
	private static final Duration NOTICED = Duration.ofSeconds(20);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	static Path folder;

	@LocalServerPort
	private int port;

	private static String original;

	@DynamicPropertySource
	static void folder(DynamicPropertyRegistry properties) throws IOException {
		for (String file : new String[] { "opendata.yaml", "shop.yaml" }) {
			Files.copy(Path.of("examples/sites").resolve(file), folder.resolve(file));
		}
		original = Files.readString(folder.resolve("shop.yaml"));
		properties.add("charte.registry.folder", folder::toString);
		// Polling would also find each change: make it rare, so that the watch is what is tested.
		properties.add("charte.registry.poll-interval", () -> "1h");
	}

	@AfterEach
	void restore() throws IOException {
		write("shop.yaml", original);
		Files.deleteIfExists(folder.resolve("museum.yaml"));
		post("/actuator/registry");
	}

	private static void write(String file, String text) throws IOException {
		Path temporary = folder.resolve("." + file + ".tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	private HttpResponse<String> get(String host, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Forwarded-Host", host)
			.header("Accept-Language", "en");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void post(String path) {
		try {
			HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.POST(HttpRequest.BodyPublishers.noBody())
				.header("Content-Type", "application/json")
				.build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String shopCharter() throws Exception {
		return get("shop.example.org", "/cookies").body();
	}

	@Test
	void anEditedRegistryIsServedWithoutRestartAndARaisedRevisionAsksVisitorsAgain() throws Exception {
		HttpResponse<String> decided = HTTP.send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + this.port + "/cookies/consent"))
			.header("X-Forwarded-Host", "shop.example.org")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("decision=accept-all"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String cookie = decided.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		assertThat(get("shop.example.org", "/cookies/banner?return=/", "Cookie", cookie).statusCode()).isEqualTo(204);
		assertThat(shopCharter()).doesNotContain("wishlist");

		write("shop.yaml", original.replace("revision: 3", "revision: 4")
			.replace("  - name: ad_click", "  - name: wishlist\n    provider: La Boutique\n    category: necessary\n"
					+ "    service: {fr: Liste d'envies, en: Wish list}\n"
					+ "    purpose: {fr: Garder les articles mis de côté, en: Keep the items put aside}\n"
					+ "    lifetime: P1Y\n\n  - name: ad_click"));

		await().atMost(NOTICED).until(() -> shopCharter().contains("wishlist"));
		HttpResponse<String> banner = get("shop.example.org", "/cookies/banner?return=/", "Cookie", cookie);
		assertThat(banner.statusCode()).as("the decision answered revision 3: asked again").isEqualTo(200);
		assertThat(banner.body()).contains("changed");
		assertThat(get("opendata.example.org", "/cookies").body()).doesNotContain("wishlist");
	}

	@Test
	void aBrokenFileKeepsTheLastGoodVersionAndSaysWhatIsWrongUntilFixed() throws Exception {
		write("shop.yaml", original.replace("revision: 3", "revision: 4")
			.replace("category: advertising", "category: adverts")
			.replace("name: basket", "name: basket_new"));

		await().atMost(NOTICED).until(() -> get("localhost", "/actuator/health").body().contains("adverts"));
		String health = get("localhost", "/actuator/health").body();
		assertThat(health).contains("shop.yaml", "line 75, column 15",
				"cookies[2] (ad_click): category 'adverts' is not declared under categories");
		assertThat(shopCharter()).contains("basket", "ad_click").doesNotContain("basket_new");

		write("shop.yaml", original.replace("revision: 3", "revision: 4").replace("name: basket", "name: basket_new"));

		await().atMost(NOTICED).until(() -> shopCharter().contains("basket_new"));
		assertThat(get("localhost", "/actuator/health").body()).contains("\"problems\":{}");
	}

	@Test
	void aSiteAddedAnswersItsHostAndASiteRemovedAnswersNoMore() throws Exception {
		assertThat(get("museum.example.org", "/cookies").statusCode()).isEqualTo(404);

		write("museum.yaml", original.replace("hosts: [shop.example.org]", "hosts: [museum.example.org]")
			.replace("name: La Boutique", "name: Le Musée"));

		await().atMost(NOTICED).until(() -> get("museum.example.org", "/cookies").statusCode() == 200);
		assertThat(get("museum.example.org", "/cookies").body()).contains("Le Musée");

		Files.delete(folder.resolve("museum.yaml"));

		await().atMost(NOTICED).until(() -> get("museum.example.org", "/cookies").statusCode() == 404);
		assertThat(get("shop.example.org", "/cookies").body()).contains("La Boutique");
	}

	@Test
	void theOperatorsReloadEndpointReadsTheFolderAtOnce() throws Exception {
		write("shop.yaml", original.replace("name: La Boutique", "name: La Grande Boutique"));

		post("/actuator/registry");

		assertThat(shopCharter()).contains("La Grande Boutique");
		assertThat(get("localhost", "/actuator/registry").body()).contains("\"shop\":{\"name\":\"La Grande Boutique\"",
				"\"revision\":3", "\"hosts\":[\"shop.example.org\"]");
	}

	/**
	 * A file saved in two writes, valid YAML after the first (its cookie list cut short), is not served half-written;
	 * a file moved into place meanwhile (the recommended way) is served at once, the proof that the folder was read.
	 */
	@Test
	void aFileSavedInTwoWritesIsServedWhenCompleteAndAFileMovedInAtOnce() throws Exception {
		String complete = original.replace("revision: 3", "revision: 4").replace("name: basket", "name: basket_new");
		int cut = complete.indexOf("  - name: ad_click");
		Path shop = folder.resolve("shop.yaml");

		Files.writeString(shop, complete.substring(0, cut));
		write("museum.yaml", original.replace("hosts: [shop.example.org]", "hosts: [museum.example.org]"));

		await().atMost(NOTICED).until(() -> get("museum.example.org", "/cookies").statusCode() == 200);
		assertThat(shopCharter()).as("the half-written file is not served").contains("basket", "ad_click")
			.doesNotContain("basket_new");

		Files.writeString(shop, complete.substring(cut), StandardOpenOption.APPEND);

		await().atMost(NOTICED).until(() -> shopCharter().contains("basket_new"));
		assertThat(shopCharter()).contains("ad_click");
	}

	/**
	 * A file deleted and copied back (how many tools replace a file) is one change: its site is served all along. A
	 * file moved in after the deletion proves that the folder was read in between.
	 */
	@Test
	void aFileDeletedThenCopiedBackKeepsItsSiteServedAllAlong() throws Exception {
		Path shop = folder.resolve("shop.yaml");
		Files.delete(shop);
		write("museum.yaml", original.replace("hosts: [shop.example.org]", "hosts: [museum.example.org]"));

		await().atMost(NOTICED).until(() -> get("museum.example.org", "/cookies").statusCode() == 200);
		assertThat(get("shop.example.org", "/cookies").statusCode()).as("within the grace period").isEqualTo(200);

		Files.writeString(shop, original.replace("name: basket", "name: basket_new"));

		await().atMost(NOTICED).until(() -> shopCharter().contains("basket_new"));
	}

}
