package org.chartecookies.records;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot that cannot be kept (its folder cannot be written: a full disk) is not named by the banner's forms, and
 * neither the banner nor the page showing it is kept that way: once the snapshot can be kept, the next visitor's page
 * and banner name it. Meanwhile the records' health says so. Real HTTP, a records folder of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SnapshotNotKeptTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	static Path records;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void folder(DynamicPropertyRegistry properties) {
		properties.add("charte.records.folder", records::toString);
	}

	private String get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	@Test
	void pagesAndBannersMadeWhileTheSnapshotCannotBeKeptAreMadeAgainOnceItCan() throws Exception {
		// Where the snapshots' folder goes, a file: it cannot be made, as on a full disk.
		Path snapshots = records.resolve(SnapshotFiles.FOLDER);
		Files.deleteIfExists(snapshots);
		Files.writeString(snapshots, "in the way");
		for (int i = 0; i < 3; i++) {
			assertThat(get("/cookies")).contains("name=\"decision\"").doesNotContain("name=\"snapshot\"");
			assertThat(get("/cookies/banner?return=/datasets")).contains("name=\"decision\"")
				.doesNotContain("name=\"snapshot\"");
		}

		assertThat(get("/actuator/health")).contains("\"consentRecords\":{\"status\":\"DOWN\"");

		Files.delete(snapshots);

		assertThat(get("/cookies")).containsPattern("name=\"snapshot\" value=\"[0-9a-f]{64}\"");
		assertThat(get("/cookies/banner?return=/datasets")).containsPattern("name=\"snapshot\" value=\"[0-9a-f]{64}\"");
		assertThat(Files.list(snapshots).filter((file) -> file.toString().endsWith(".html")).count()).isEqualTo(1);
		assertThat(get("/actuator/health")).contains("\"consentRecords\":{\"status\":\"UP\"");
	}

}
