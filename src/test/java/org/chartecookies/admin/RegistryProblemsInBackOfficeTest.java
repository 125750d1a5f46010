package org.chartecookies.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.chartecookies.registry.Sites;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry file that does not validate shows on the operator's dashboard, with its file and its problem, until it is
 * fixed; the site it names stays served meanwhile (a copy of the example folder of two sites, over real HTTP).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { Operator.ACCOUNTS,
		"charte.records.folder=target/test-records-admin/${random.uuid}" })
class RegistryProblemsInBackOfficeTest {

	private static final Path FOLDER = Path.of("target/test-registry-admin", UUID.randomUUID().toString());

	@LocalServerPort
	private int port;

	@Autowired
	private Sites sites;

	@DynamicPropertySource
	static void registryFolder(DynamicPropertyRegistry properties) {
		try {
			Files.createDirectories(FOLDER);
			for (String file : new String[] { "opendata.yaml", "shop.yaml" }) {
				Files.copy(Path.of("examples/sites", file), FOLDER.resolve(file), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		properties.add("charte.registry.folder", FOLDER::toString);
	}

	@Test
	void aBrokenRegistryFileShowsOnTheDashboardUntilItIsFixed() throws Exception {
		Operator operator = new Operator(this.port, "198.51.100.41", "shop.example.org");
		assertThat(operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(operator.get("/admin?lang=en").body()).doesNotContain("Cookie registry problems");
		String shop = Files.readString(FOLDER.resolve("shop.yaml"));

		replace("shop.yaml", shop.replace("revision: 3", "revision: three"));
		this.sites.reload();

		HttpResponse<String> english = operator.get("/admin?lang=en");
		assertThat(english.statusCode()).isEqualTo(200);
		assertThat(english.body()).contains("<h2 id=\"registry-problems-title\">Cookie registry problems</h2>",
				"<code>shop.yaml</code> <span lang=\"en\">Cookie registry file [" + FOLDER.resolve("shop.yaml").toAbsolutePath()
						+ "]: line 17, column 11, at revision: expected a whole number</span>");
		assertThat(operator.get("/admin?lang=fr").body()).contains("Problèmes du registre des cookies");
		assertThat(this.sites.forHost("shop.example.org").registry().revision()).as("the last good version")
			.isEqualTo(3);

		replace("shop.yaml", shop);
		this.sites.reload();

		assertThat(operator.get("/admin?lang=en").body()).doesNotContain("Cookie registry problems", "shop.yaml");
	}

	private static void replace(String file, String text) throws IOException {
		Path temporary = FOLDER.resolve("." + file + ".new");
		Files.writeString(temporary, text);
		Files.move(temporary, FOLDER.resolve(file), StandardCopyOption.REPLACE_EXISTING);
	}

}
