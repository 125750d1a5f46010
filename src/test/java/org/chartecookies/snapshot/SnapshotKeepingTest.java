package org.chartecookies.snapshot;

import java.io.IOException;
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

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the snapshots promise the consent endpoint, without rendering them (SnapshotsTest renders them with the pages'
 * templates): each is made once per site as loaded and language and kept, with what it shows, before its hash is
 * handed out; one that cannot be kept is not handed out; a hash is known only as what it shows, by this process or,
 * after a restart, by what the keeper kept.
 */
class SnapshotKeepingTest {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private static final CookieRegistry REGISTRY = Registries.defaultRegistry();

	private final List<String> rendered = new ArrayList<>();

	private final List<SnapshotKeeper.Made> kept = new ArrayList<>();

	/** What the keeper found kept before a restart: {@code hash site language revision}. */
	private final List<String> keptBefore = new ArrayList<>();

	private boolean diskFull;

	/**
	 * A document that differs by site, language and revision, as the real ones do; rendered here without the templates,
	 * so without their engine, context or charters.
	 */
	private final SnapshotDocuments documents = new SnapshotDocuments(null, null, null) {

		@Override
		byte[] render(HostedSite site, Locale language) {
			String what = site.id() + " " + language.getLanguage() + " " + site.registry().revision();
			SnapshotKeepingTest.this.rendered.add(what);
			return ("<!DOCTYPE html><p>" + what + "</p>").getBytes(StandardCharsets.UTF_8);
		}

	};

	private final SnapshotKeeper keeper = new SnapshotKeeper() {

		@Override
		public void keep(Made snapshot) {
			if (SnapshotKeepingTest.this.diskFull) {
				throw new UncheckedIOException(new IOException("No space left on device"));
			}
			SnapshotKeepingTest.this.kept.add(snapshot);
		}

		@Override
		public boolean kept(String hash, String site, String language, int revision) {
			return SnapshotKeepingTest.this.keptBefore.contains(hash + " " + site + " " + language + " " + revision);
		}

	};

	private Snapshots snapshots() {
		return new Snapshots(this.documents,
				new StaticListableBeanFactory(Map.of("keeper", this.keeper)).getBeanProvider(SnapshotKeeper.class),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static String hashOf(String what) {
		return SnapshotHashes.sha256(("<!DOCTYPE html><p>" + what + "</p>").getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void eachSiteAndLanguageIsRenderedAndKeptOnceWithWhatItShowsWhateverTheNumberOfBanners() {
		Snapshots snapshots = snapshots();
		HostedSite site = Registries.site(REGISTRY);

		String french = snapshots.current(site, Locale.FRENCH);
		for (int i = 0; i < 10; i++) {
			assertThat(snapshots.current(site, Locale.FRANCE)).isEqualTo(french);
		}
		String english = snapshots.current(site, Locale.ENGLISH);

		String shownInFrench = site.id() + " fr " + REGISTRY.revision();
		assertThat(french).isEqualTo(hashOf(shownInFrench));
		assertThat(english).isEqualTo(hashOf(site.id() + " en " + REGISTRY.revision()));
		assertThat(this.rendered).containsExactly(shownInFrench, site.id() + " en " + REGISTRY.revision());
		assertThat(this.kept).extracting(SnapshotKeeper.Made::hash).containsExactly(french, english);
		SnapshotKeeper.Made first = this.kept.getFirst();
		assertThat(first.site()).isEqualTo(site.id());
		assertThat(first.language()).isEqualTo("fr");
		assertThat(first.revision()).isEqualTo(REGISTRY.revision());
		assertThat(first.firstShownAt()).isEqualTo(NOW);
		assertThat(new String(first.content(), StandardCharsets.UTF_8)).contains(shownInFrench);
	}

	@Test
	void aHashIsKnownOnlyAsWhatItShows() {
		Snapshots snapshots = snapshots();
		HostedSite site = Registries.site(REGISTRY);
		String french = snapshots.current(site, Locale.FRENCH);
		int revision = REGISTRY.revision();

		assertThat(snapshots.known(french, site.id(), "fr", revision)).isTrue();
		assertThat(snapshots.known(french, site.id(), "en", revision)).as("another language's").isFalse();
		assertThat(snapshots.known(french, "other", "fr", revision)).as("another site's").isFalse();
		assertThat(snapshots.known(french, site.id(), "fr", revision + 1)).as("another revision's").isFalse();
		assertThat(snapshots.known(hashOf("never made"), site.id(), "fr", revision)).isFalse();
	}

	/** After a restart, a decision may name a snapshot the previous process made: the keeper's files know it. */
	@Test
	void aSnapshotKeptBeforeARestartIsKnownAsWhatItShowed() {
		String before = hashOf("what the previous process showed");
		this.keptBefore.add(before + " test fr 3");
		Snapshots snapshots = snapshots();

		assertThat(snapshots.known(before, "test", "fr", 3)).isTrue();
		assertThat(snapshots.known(before, "test", "en", 3)).isFalse();
		assertThat(this.rendered).isEmpty();
	}

	@Test
	void aSiteLoadedAgainUnchangedIsRenderedAgainAndKeptOnce() {
		Snapshots snapshots = snapshots();
		String before = snapshots.current(Registries.site(REGISTRY), Locale.ENGLISH);

		String after = snapshots.current(Registries.site(REGISTRY), Locale.ENGLISH);

		assertThat(after).isEqualTo(before);
		assertThat(this.rendered).hasSize(2);
		assertThat(this.kept).hasSize(1);
		assertThat(snapshots.known(after, "test", "en", REGISTRY.revision())).isTrue();
	}

	@Test
	void aSnapshotThatCannotBeKeptIsNotHandedOutNorKnownAndIsMadeAgainForTheNextBanner() {
		Snapshots snapshots = snapshots();
		HostedSite site = Registries.site(REGISTRY);
		this.diskFull = true;

		assertThat(snapshots.current(site, Locale.FRENCH)).isEmpty();
		String hash = hashOf(site.id() + " fr " + REGISTRY.revision());
		assertThat(snapshots.known(hash, site.id(), "fr", REGISTRY.revision())).as("never kept").isFalse();

		this.diskFull = false;
		assertThat(snapshots.current(site, Locale.FRENCH)).isEqualTo(hash);
		assertThat(this.kept).extracting(SnapshotKeeper.Made::hash).containsExactly(hash);
		assertThat(snapshots.known(hash, site.id(), "fr", REGISTRY.revision())).isTrue();
	}

	@Test
	void withoutAKeeperSnapshotsAreStillMadeAndKnown() {
		Snapshots snapshots = new Snapshots(this.documents,
				new StaticListableBeanFactory().getBeanProvider(SnapshotKeeper.class), Clock.fixed(NOW, ZoneOffset.UTC));
		HostedSite site = Registries.site(REGISTRY);

		String hash = snapshots.current(site, Locale.FRENCH);

		assertThat(hash).isEqualTo(hashOf(site.id() + " fr " + REGISTRY.revision()));
		assertThat(snapshots.known(hash, site.id(), "fr", REGISTRY.revision())).isTrue();
	}

}
