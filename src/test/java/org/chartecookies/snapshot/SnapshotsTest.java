package org.chartecookies.snapshot;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chartecookies.consent.SnapshotHashes;
import org.chartecookies.consent.SnapshotKeeper;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot is made once per site as loaded and language, kept before its hash is handed out, never again for the
 * same content (a site loaded again unchanged gives the same hash, kept once), and a snapshot that cannot be kept is
 * not handed out. The pages' own templates render it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SnapshotsTest {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private static final CookieRegistry REGISTRY = Registries.defaultRegistry();

	@Autowired
	private SnapshotDocuments documents;

	private final List<SnapshotKeeper.Made> kept = new ArrayList<>();

	private boolean diskFull;

	private final SnapshotKeeper keeper = new SnapshotKeeper() {

		@Override
		public void keep(Made snapshot) {
			if (SnapshotsTest.this.diskFull) {
				throw new UncheckedIOException(new java.io.IOException("No space left on device"));
			}
			SnapshotsTest.this.kept.add(snapshot);
		}

		@Override
		public boolean kept(String hash, String site, String language, int revision) {
			return false;
		}

	};

	private Snapshots snapshots() {
		return new Snapshots(this.documents,
				new StaticListableBeanFactory(Map.of("keeper", this.keeper)).getBeanProvider(SnapshotKeeper.class),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void madeAndKeptOncePerSiteAndLanguageWhateverTheNumberOfAsks() {
		Snapshots snapshots = snapshots();
		HostedSite site = Registries.site(REGISTRY);
		String french = snapshots.current(site, Locale.FRENCH);
		for (int i = 0; i < 100; i++) {
			assertThat(snapshots.current(site, Locale.FRENCH)).isEqualTo(french);
			assertThat(snapshots.current(site, Locale.FRANCE)).isEqualTo(french);
		}
		String english = snapshots.current(site, Locale.ENGLISH);

		assertThat(this.kept).extracting(SnapshotKeeper.Made::hash).containsExactly(french, english);
		SnapshotKeeper.Made first = this.kept.getFirst();
		assertThat(first.hash()).isEqualTo(SnapshotHashes.sha256(first.content()));
		assertThat(first.language()).isEqualTo("fr");
		assertThat(first.site()).isEqualTo(site.id());
		assertThat(first.revision()).isEqualTo(REGISTRY.revision());
		assertThat(first.firstShownAt()).isEqualTo(NOW);
		assertThat(snapshots.known(french, site.id(), "fr", REGISTRY.revision())).isTrue();
		assertThat(snapshots.known("ab".repeat(32), site.id(), "fr", REGISTRY.revision())).isFalse();
		// Known only as what it shows: not as another language's, another site's or another revision's.
		assertThat(snapshots.known(french, site.id(), "en", REGISTRY.revision())).isFalse();
		assertThat(snapshots.known(english, site.id(), "fr", REGISTRY.revision())).isFalse();
		assertThat(snapshots.known(french, site.id() + "-other", "fr", REGISTRY.revision())).isFalse();
		assertThat(snapshots.known(french, site.id(), "fr", REGISTRY.revision() + 1)).isFalse();
	}

	@Test
	void aSiteLoadedAgainUnchangedGivesTheSameSnapshotKeptOnce() {
		Snapshots snapshots = snapshots();
		String before = snapshots.current(Registries.site(REGISTRY), Locale.ENGLISH);
		String after = snapshots.current(Registries.site(REGISTRY), Locale.ENGLISH);

		assertThat(after).isEqualTo(before);
		assertThat(this.kept).hasSize(1);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aSnapshotThatCannotBeKeptIsNotHandedOutAndIsTriedAgain(CapturedOutput log) {
		Snapshots snapshots = snapshots();
		HostedSite site = Registries.site(REGISTRY);
		this.diskFull = true;
		for (int i = 0; i < 3; i++) {
			assertThat(snapshots.current(site, Locale.FRENCH)).isEmpty();
		}
		assertThat(log.getAll()).as("every page asks again: told once").containsOnlyOnce("cannot be kept");
		this.diskFull = false;

		String hash = snapshots.current(site, Locale.FRENCH);

		assertThat(hash).matches("[0-9a-f]{64}");
		assertThat(this.kept).extracting(SnapshotKeeper.Made::hash).containsExactly(hash);
		this.diskFull = true;
		assertThat(snapshots.current(site, Locale.ENGLISH)).isEmpty();
		assertThat(log.getAll()).as("told again once one was kept").contains("shows in en cannot be kept");
	}

	@Test
	void theStyleSheetsAreTheBannersTheChartersAndTheSitesPalette() {
		String plain = new String(this.documents.render(Registries.site(REGISTRY), Locale.ENGLISH),
				StandardCharsets.UTF_8);
		String shop = new String(this.documents.render(Registries.site(Registries.file("examples/sites/shop.yaml")),
				Locale.ENGLISH), StandardCharsets.UTF_8);

		// A rule of each style sheet (not a class name, which the markup holds too).
		String banner = "--cookie-banner-focus: #fd0;";
		String charter = ".charter-table td::before";
		assertThat(plain).contains(banner, charter).doesNotContain("#8a1538");
		assertThat(shop).contains(banner, charter, "--cookie-banner-button-background: #8a1538");
	}

	@Test
	void theDocumentIsTheBannerBothWaysTheCharterAndTheRegistryWithNothingThatLoadsAnything() {
		String text = new String(this.documents.render(Registries.site(REGISTRY), Locale.ENGLISH),
				StandardCharsets.UTF_8);

		assertThat(text).startsWith("<!DOCTYPE html>")
			.contains("<meta charset=\"utf-8\">", "<section id=\"snapshot-banner\">", "<section id=\"snapshot-choices\">",
					"<section id=\"snapshot-charter\">", "<section id=\"snapshot-registry\"><pre>{", "<style>",
					".cookie-banner", "&quot;revision&quot; : " + REGISTRY.revision())
			.doesNotContain("<script", " src=", "<link", "@import", "url(", "name=\"snapshot\"")
			.doesNotContainPattern("<[^>]*\\sth:[a-z-]+=");
		// The first layer closed, the choices open.
		int choices = text.indexOf("<section id=\"snapshot-choices\">");
		assertThat(text.substring(0, choices)).contains("<details class=\"cookie-banner__details\">");
		assertThat(text.substring(choices)).contains("<details class=\"cookie-banner__details\" open");
	}

}
