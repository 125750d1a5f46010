package org.chartecookies.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry folder's watch, on real files, when the folder itself goes: deleted and created again, or moved away
 * and replaced by a new one. The new folder is watched in its turn (a file moved in is served without waiting for a
 * poll), and a file saved in two writes there is never served half-written.
 */
class RegistryFolderWatchTest {

	private static final Path EXAMPLE = Path.of("examples/sites");

	/** How long a change may take to be noticed. */
	private static final Duration NOTICED = Duration.ofSeconds(20);

	@TempDir
	Path parent;

	private Path folder;

	private Sites sites;

	private RegistryFolderWatch watch;

	private String shop;

	@BeforeEach
	void watchTheExample() throws IOException {
		this.folder = Files.createDirectory(this.parent.resolve("sites"));
		copyTheExample();
		this.shop = Files.readString(this.folder.resolve("shop.yaml"));
		this.sites = Sites.folder(this.folder, null, new RegistryLoader(Registries.VALIDATOR), Duration.ofSeconds(5),
				InstantSource.system());
	}

	@AfterEach
	void stop() {
		if (this.watch != null) {
			this.watch.stop();
		}
	}

	private void startWatching(Duration pollInterval) {
		this.watch = new RegistryFolderWatch(this.sites, this.folder, pollInterval, Duration.ofSeconds(2));
		this.watch.start();
	}

	private void copyTheExample() throws IOException {
		for (String file : new String[] { "opendata.yaml", "shop.yaml" }) {
			moveIn(file, Files.readString(EXAMPLE.resolve(file)));
		}
	}

	/** Writes a file next to its place, then moves it in (the recommended way). */
	private void moveIn(String file, String text) throws IOException {
		Path temporary = this.folder.resolve("." + file + ".tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, this.folder.resolve(file), StandardCopyOption.ATOMIC_MOVE);
	}

	private String site(String host) {
		return this.shop.replace("hosts: [shop.example.org]", "hosts: [" + host + "]");
	}

	/** Polling alone would not find the file moved in: only the watch of the new folder does. */
	@Test
	void aFolderDeletedAndCreatedAgainIsWatchedAgain() throws IOException {
		startWatching(Duration.ofHours(1));

		FileSystemUtils.deleteRecursively(this.folder);
		Files.createDirectory(this.folder);
		copyTheExample();
		moveIn("museum.yaml", site("museum.example.org"));

		await().atMost(NOTICED).until(() -> this.sites.forHost("museum.example.org") != null);
		aFileSavedInTwoWritesIsServedOnlyWhenComplete();
	}

	/** A folder moved away keeps its watch (on Linux): the one now in its place is noticed at the next poll. */
	@Test
	void aFolderMovedAwayAndReplacedIsWatchedInItsTurn() throws IOException {
		startWatching(Duration.ofSeconds(2));

		Files.move(this.folder, this.parent.resolve("sites.old"));
		Files.createDirectory(this.folder);
		copyTheExample();
		moveIn("museum.yaml", site("museum.example.org"));

		await().atMost(NOTICED).until(() -> this.sites.forHost("museum.example.org") != null);
		aFileSavedInTwoWritesIsServedOnlyWhenComplete();
	}

	/**
	 * A file written in place in two writes, valid YAML after the first (its cookie list cut short), is not served
	 * half-written; a file moved in meanwhile is served, the proof that the folder was read in between.
	 */
	private void aFileSavedInTwoWritesIsServedOnlyWhenComplete() throws IOException {
		String complete = this.shop.replace("revision: 3", "revision: 4");
		int cut = complete.indexOf("  - name: ad_click");
		Path shopFile = this.folder.resolve("shop.yaml");

		Files.writeString(shopFile, complete.substring(0, cut));
		moveIn("gallery.yaml", site("gallery.example.org"));

		await().atMost(NOTICED).until(() -> this.sites.forHost("gallery.example.org") != null);
		assertThat(this.sites.forHost("shop.example.org").registry().revision()).as("the half-written file")
			.isEqualTo(3);

		Files.writeString(shopFile, complete.substring(cut), StandardOpenOption.APPEND);

		await().atMost(NOTICED).until(() -> this.sites.forHost("shop.example.org").registry().revision() == 4);
		assertThat(this.sites.forHost("shop.example.org").registry().cookies()).extracting(CookieDeclaration::name)
			.contains("ad_click");
	}

}
