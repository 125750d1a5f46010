package org.chartecookies.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.chartecookies.records.RecordsInMemory;
import org.chartecookies.records.ShownSnapshot;
import org.chartecookies.records.ShownSnapshots;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A downloaded snapshot is a file named by its hash holding exactly the bytes stored, so that {@code sha256sum} of it
 * prints its name, or shows that it was altered; a period's snapshots come in a zip of such files, each once, those of
 * the site asked for only. Without a server (the proof page's own tests download them over HTTP).
 */
class SnapshotDownloadsTest {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private final RecordsInMemory records = new RecordsInMemory();

	private final SnapshotDownloads downloads = new SnapshotDownloads(this.records.queries(),
			Registries.sites(Registries.defaultRegistry()), Clock.fixed(NOW, ZoneOffset.UTC));

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private static String document(String words) {
		return ShownSnapshots.document("fr", "", "<p>" + words + "</p>", "", "", "");
	}

	@Test
	void aSnapshotIsAFileNamedByItsHashHoldingTheBytesStored() throws IOException {
		String hash = this.records.snapshot("test", "fr", 1, NOW, document("Tout refuser, é"));

		this.downloads.snapshot(hash, this.response);

		byte[] body = this.response.getContentAsByteArray();
		assertThat(ShownSnapshot.sha256(body)).isEqualTo(hash);
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(document("Tout refuser, é"));
		assertThat(this.response.getContentLength()).isEqualTo(body.length);
		assertThat(this.response.getContentType()).isEqualTo("text/html;charset=UTF-8");
		assertThat(this.response.getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"" + hash + ".html\"");
		assertThat(this.response.getHeader("Cache-Control")).isEqualTo("no-store");
	}

	/** The file is what is stored: its hash is no longer its name, which the auditor's check shows. */
	@Test
	void anAlteredSnapshotIsDownloadedAsAlteredSoThatTheCheckShowsIt() throws IOException {
		String hash = this.records.snapshot("test", "fr", 1, NOW, document("Tout refuser"));
		ShownSnapshots.alter(this.records.jdbc(), hash, document("Tout accepter"));

		this.downloads.snapshot(hash, this.response);

		assertThat(this.response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(document("Tout accepter"));
		assertThat(ShownSnapshot.sha256(this.response.getContentAsByteArray())).isNotEqualTo(hash);
	}

	@Test
	void aNameThatIsNoHashIsRefusedAndAnUnknownHashIsNotFound() {
		String stored = this.records.snapshot("test", "fr", 1, NOW, document("Tout refuser"));
		for (String name : new String[] { "", "../secret", stored.toUpperCase(), stored.substring(1), stored + "0" }) {
			assertThatExceptionOfType(AdminRequestException.class).as(name)
				.isThrownBy(() -> this.downloads.snapshot(name, new MockHttpServletResponse()))
				.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("admin.snapshot.invalid"));
		}
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> this.downloads.snapshot("ab".repeat(32), this.response))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(404));
		assertThat(this.response.getContentAsByteArray()).isEmpty();
	}

	@Test
	void aPeriodsSnapshotsComeInAZipEachOnceAsStoredAndALostOneIsLeftOut() throws IOException {
		String refused = this.records.snapshot("test", "fr", 1, NOW, document("Tout refuser"));
		String accepted = this.records.snapshot("test", "en", 1, NOW, document("Accept all"));
		String before = this.records.snapshot("test", "fr", 1, NOW, document("Before the period"));
		String lost = ShownSnapshot.sha256("<p>lost</p>".getBytes(StandardCharsets.UTF_8));
		this.records.decided("test", "fr", 1, Instant.parse("2026-11-30T23:59:59Z"), before, true);
		this.records.decided("test", "fr", 1, Instant.parse("2026-12-01T00:00:00Z"), refused, true);
		this.records.decided("test", "en", 1, Instant.parse("2026-12-02T10:00:00Z"), accepted, true);
		this.records.decided("test", "fr", 1, Instant.parse("2026-12-03T10:00:00Z"), refused, true);
		this.records.decided("test", "fr", 1, Instant.parse("2026-12-04T10:00:00Z"), lost, true);
		this.records.decided("test", "fr", 1, Instant.parse("2026-12-05T10:00:00Z"), "", false);

		this.downloads.snapshots("2026-12-01", "2026-12-07", null, this.response);

		assertThat(this.response.getContentType()).isEqualTo("application/zip");
		assertThat(this.response.getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"consent-snapshots-2026-12-01-to-2026-12-07.zip\"");
		assertThat(this.response.getHeader("Cache-Control")).isEqualTo("no-store");
		Map<String, String> files = unzip(this.response.getContentAsByteArray());
		assertThat(files).containsOnlyKeys(refused + ".html", accepted + ".html");
		assertThat(files).containsEntry(refused + ".html", document("Tout refuser"))
			.containsEntry(accepted + ".html", document("Accept all"));
	}

	@Test
	void aSitesSnapshotsAreThoseOfItsRecordsOnlyAndTheFileSaysWhichSite() throws IOException {
		String ours = this.records.snapshot("test", "fr", 1, NOW, document("Tout refuser"));
		String theirs = this.records.snapshot("shop", "fr", 1, NOW, document("La boutique"));
		this.records.decided("test", "fr", 1, NOW.minusSeconds(60), ours, true);
		this.records.decided("shop", "fr", 1, NOW.minusSeconds(60), theirs, true);

		this.downloads.snapshots(null, null, "test", this.response);

		assertThat(this.response.getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"consent-snapshots-test-2026-11-08-to-2026-12-07.zip\"");
		assertThat(unzip(this.response.getContentAsByteArray())).containsOnlyKeys(ours + ".html");
		MockHttpServletResponse every = new MockHttpServletResponse();
		this.downloads.snapshots(null, null, null, every);
		assertThat(unzip(every.getContentAsByteArray())).containsOnlyKeys(ours + ".html", theirs + ".html");
	}

	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}

}
