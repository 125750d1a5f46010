package org.chartecookies.records;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.chartecookies.consent.SnapshotKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records folder's snapshots: each written whole under its hash, found again by the next start, read back only
 * while it still matches its name; names that are no hash are never files; with records off, nothing is written.
 */
class SnapshotFilesTest {

	private static final Instant SHOWN = Instant.parse("2026-12-07T10:00:00Z");

	@TempDir
	Path records;

	private static SnapshotKeeper.Made snapshot(String words) {
		byte[] content = ("<!DOCTYPE html><p>" + words + "</p>").getBytes(StandardCharsets.UTF_8);
		return new SnapshotKeeper.Made(ShownSnapshot.sha256(content), "la boutique/é", "en", 4, SHOWN, content);
	}

	@Test
	void aSnapshotKeptIsAFileNamedByItsHashFoundAgainAfterARestart() throws Exception {
		SnapshotKeeper.Made shown = snapshot("Reject all");
		SnapshotFiles files = new SnapshotFiles(this.records, true);
		assertThat(files.kept(shown.hash(), "la boutique/é", "en", 4)).isFalse();

		files.keep(shown);

		Path file = this.records.resolve("snapshots").resolve(shown.hash() + ".html");
		assertThat(Files.readAllBytes(file)).isEqualTo(shown.content());
		assertThat(files.served(shown.hash())).isTrue();
		SnapshotFiles restarted = new SnapshotFiles(this.records, true);
		assertThat(restarted.kept(shown.hash(), "la boutique/é", "en", 4)).isTrue();
		// Kept as what it shows: not as another site's, language's or revision's.
		assertThat(restarted.kept(shown.hash(), "la boutique", "en", 4)).isFalse();
		assertThat(restarted.kept(shown.hash(), "la boutique/é", "fr", 4)).isFalse();
		assertThat(restarted.kept(shown.hash(), "la boutique/é", "en", 5)).isFalse();
		assertThat(restarted.served(shown.hash())).as("not served by the new process until it makes it").isFalse();
		assertThat(restarted.hashes()).containsExactly(shown.hash());
		ShownSnapshot read = restarted.read(shown.hash()).orElseThrow();
		assertThat(read).usingRecursiveComparison()
			.isEqualTo(new ShownSnapshot(shown.hash(), "la boutique/é", "en", 4, SHOWN, shown.content()));
		// Kept again (the next start made the same): served, the file as it was.
		restarted.keep(shown);
		assertThat(restarted.served(shown.hash())).isTrue();
		assertThat(Files.readAllBytes(file)).isEqualTo(shown.content());
	}

	/** The next start makes the same snapshot again: it was first shown when the first process kept it, not later. */
	@Test
	void aSnapshotKeptAgainAfterARestartKeepsItsFirstShowingAndFile() throws Exception {
		SnapshotKeeper.Made shown = snapshot("Reject all");
		new SnapshotFiles(this.records, true).keep(shown);
		Path meta = this.records.resolve("snapshots").resolve(shown.hash() + ".meta");
		String written = Files.readString(meta);

		SnapshotFiles restarted = new SnapshotFiles(this.records, true);
		restarted.keep(new SnapshotKeeper.Made(shown.hash(), shown.site(), shown.language(), shown.revision(),
				SHOWN.plusSeconds(86_400), shown.content()));

		assertThat(restarted.read(shown.hash()).orElseThrow().firstShownAt()).isEqualTo(SHOWN);
		assertThat(Files.readString(meta)).isEqualTo(written);
		assertThat(restarted.served(shown.hash())).isTrue();
	}

	@Test
	void aFileAlteredOrNotWrittenByTheApplicationIsNotTaken() throws Exception {
		SnapshotKeeper.Made shown = snapshot("Reject all");
		SnapshotFiles files = new SnapshotFiles(this.records, true);
		files.keep(shown);
		Path folder = this.records.resolve("snapshots");
		Files.writeString(folder.resolve("notes.html"), "not a snapshot");
		Files.writeString(folder.resolve("ab".repeat(32) + ".txt"), "not a snapshot");
		assertThat(files.hashes()).containsExactly(shown.hash());

		Files.writeString(folder.resolve(shown.hash() + ".meta"), "s9\ten\ten\t4\t0\n");
		assertThat(files.read(shown.hash())).isEmpty();
		files.keep(snapshot("Accept all"));
		Files.writeString(folder.resolve(snapshot("Accept all").hash() + ".html"), "<p>Accept nothing</p>");
		assertThat(files.read(snapshot("Accept all").hash())).isEmpty();
		assertThat(files.read("cd".repeat(32))).isEmpty();
	}

	/**
	 * A restart makes a snapshot whose file was altered, or relabelled, behind the application's back: the file is
	 * written again from what is shown, before its hash is served, instead of being trusted.
	 */
	@Test
	void aFileAlteredBehindTheApplicationsBackIsWrittenAgainWhenTheSnapshotIsNextKept() throws Exception {
		SnapshotKeeper.Made shown = snapshot("Reject all");
		new SnapshotFiles(this.records, true).keep(shown);
		Path folder = this.records.resolve("snapshots");
		Files.writeString(folder.resolve(shown.hash() + ".html"), "<p>Accept nothing</p>");

		SnapshotFiles restarted = new SnapshotFiles(this.records, true);
		restarted.keep(shown);

		assertThat(Files.readAllBytes(folder.resolve(shown.hash() + ".html"))).isEqualTo(shown.content());
		assertThat(restarted.kept(shown.hash(), "la boutique/é", "en", 4)).isTrue();
		assertThat(restarted.served(shown.hash())).isTrue();

		Files.writeString(folder.resolve(shown.hash() + ".meta"), "s1\tanother%20site\ten\t4\t0\n");
		SnapshotFiles again = new SnapshotFiles(this.records, true);
		again.keep(shown);

		assertThat(again.kept(shown.hash(), "la boutique/é", "en", 4)).as("labelled as what it shows again").isTrue();
	}

	@Test
	void aNameThatIsNoHashIsNeverAFile() throws Exception {
		SnapshotFiles files = new SnapshotFiles(this.records, true);
		Files.createDirectories(this.records.resolve("snapshots"));
		Files.writeString(this.records.resolve("secret.html"), "<p>not a snapshot</p>");
		for (String name : new String[] { "../secret", "AB".repeat(32), "ab".repeat(31), "" }) {
			assertThat(files.kept(name, "la boutique/é", "en", 4)).as(name).isFalse();
			assertThat(files.read(name)).as(name).isEmpty();
		}
	}

	@Test
	void withRecordsOffNothingIsWritten() {
		SnapshotFiles files = new SnapshotFiles(this.records, false);
		SnapshotKeeper.Made shown = snapshot("Reject all");

		files.keep(shown);

		assertThat(Files.exists(this.records.resolve("snapshots"))).isFalse();
		assertThat(files.kept(shown.hash(), "la boutique/é", "en", 4)).isFalse();
		assertThat(files.hashes()).isEmpty();
	}

	@Test
	void aProblemSaysWhatIsWrongAndHowManyRecordsItConcerns() {
		String hash = "ab".repeat(32);
		assertThat(new SnapshotProblem(hash, SnapshotProblem.Fault.ALTERED, 0, null).describe()).isEqualTo("snapshot "
				+ hash + " was altered: its content no longer matches its hash (no record names it)");
		assertThat(new SnapshotProblem(hash, SnapshotProblem.Fault.ALTERED, 2, null).describe())
			.endsWith("(2 records name it)");
		assertThat(new SnapshotProblem(hash, SnapshotProblem.Fault.MISSING, 1, "id-1").describe())
			.isEqualTo("snapshot " + hash + " is missing, yet 1 record names it (consent id id-1)");
		assertThat(new SnapshotProblem(hash, SnapshotProblem.Fault.MISSING, 3, "id-1").describe())
			.endsWith("yet 3 records name it (consent id id-1 among them)");
		assertThat(new SnapshotProblem(hash, SnapshotProblem.Fault.MISLABELLED, 1, "id-1").describe())
			.isEqualTo("snapshot " + hash + " is stored as another site's, language's or revision's than the records"
					+ " naming it say (1, consent id id-1)");
		assertThat(new SnapshotProblem(hash, SnapshotProblem.Fault.MISLABELLED, 2, "id-1").describe())
			.endsWith("say (2, consent id id-1 among them)");
	}

}
