package org.chartecookies.consent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot's name is what {@code sha256sum} prints of its bytes, so that an auditor can check a downloaded snapshot
 * without the application; a form's value names a snapshot only when it has that form and is known as what this site
 * showed in this language at its current revision; without snapshots, nothing is named.
 */
class SnapshotHashesTest {

	private static final CookieRegistry REGISTRY = Registries.defaultRegistry();

	private static final HostedSite SITE = Registries.site(REGISTRY);

	/** FIPS 180-2's test vectors, as {@code printf abc | sha256sum} prints them. */
	@Test
	void aSnapshotsNameIsWhatSha256sumPrintsOfItsBytes() {
		assertThat(SnapshotHashes.sha256(new byte[0]))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(SnapshotHashes.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(SnapshotHashes.sha256("abc".getBytes(StandardCharsets.US_ASCII))).matches(SnapshotHashes.HASH);
	}

	@Test
	void onlyLowerCaseHexOfSixtyFourDigitsIsAHash() {
		assertThat(SnapshotHashes.HASH.matcher("0123456789abcdef".repeat(4)).matches()).isTrue();
		for (String malformed : new String[] { "", "ab".repeat(31) + "a", "ab".repeat(32) + "a", "AB".repeat(32),
				"g" + "a".repeat(63), "ab".repeat(16) + "\n" + "ab".repeat(16), "../" + "a".repeat(61) }) {
			assertThat(SnapshotHashes.HASH.matcher(malformed).matches()).as(malformed).isFalse();
		}
	}

	@Test
	void aFormNamesOnlyTheSnapshotThisSiteShowedInThisLanguageAtItsCurrentRevision() {
		String hash = "cd".repeat(32);
		Asked asked = new Asked(hash, SITE.id(), "fr", REGISTRY.revision());

		assertThat(asked.named(hash, SITE, Locale.FRANCE)).isTrue();
		assertThat(asked.named(hash, SITE, Locale.ENGLISH)).as("another language's").isFalse();
		assertThat(asked.named(hash, Registries.site(revised(REGISTRY.revision() + 1)),
				Locale.FRENCH))
			.as("the site at another revision")
			.isFalse();
		assertThat(asked.named("ef".repeat(32), SITE, Locale.FRENCH)).as("unknown").isFalse();
		assertThat(asked.asked).containsExactly(hash + " " + SITE.id() + " fr " + REGISTRY.revision(),
				hash + " " + SITE.id() + " en " + REGISTRY.revision(),
				hash + " " + SITE.id() + " fr " + (REGISTRY.revision() + 1),
				"ef".repeat(32) + " " + SITE.id() + " fr " + REGISTRY.revision());
	}

	/** A value that is no hash is refused before anything is looked up, even by a store that would take anything. */
	@Test
	void aMalformedOrAbsentValueNamesNothingAndIsNeverLookedUp() {
		Asked anything = new Asked(null, SITE.id(), "fr", REGISTRY.revision());

		for (String value : new String[] { null, "", "CD".repeat(32), "cd".repeat(31), "cd".repeat(32) + " ",
				"<script>" }) {
			assertThat(anything.named(value, SITE, Locale.FRENCH)).as(String.valueOf(value)).isFalse();
		}
		assertThat(anything.asked).isEmpty();
		assertThat(anything.named("cd".repeat(32), SITE, Locale.FRENCH)).isTrue();
	}

	@Test
	void withoutSnapshotsNoHashIsServedAndNoneIsNamed() {
		assertThat(SnapshotHashes.NONE.current(SITE, Locale.FRENCH)).isEmpty();
		assertThat(SnapshotHashes.NONE.known("cd".repeat(32), SITE.id(), "fr", REGISTRY.revision())).isFalse();
		assertThat(SnapshotHashes.NONE.named("cd".repeat(32), SITE, Locale.FRENCH)).isFalse();
		assertThat(SnapshotKeeper.NONE.kept("cd".repeat(32), SITE.id(), "fr", REGISTRY.revision())).isFalse();
	}

	private static CookieRegistry revised(int revision) {
		return new CookieRegistry(REGISTRY.site(), revision, REGISTRY.categories(), REGISTRY.cookies(), REGISTRY.prose(),
				REGISTRY.embeds(), REGISTRY.audit());
	}

	/**
	 * Knows one hash as what one site showed in one language at one revision (any hash when {@code hash} is null), and
	 * remembers what it was asked.
	 */
	private static final class Asked implements SnapshotHashes {

		private final String hash;

		private final String site;

		private final String language;

		private final int revision;

		private final List<String> asked = new ArrayList<>();

		Asked(String hash, String site, String language, int revision) {
			this.hash = hash;
			this.site = site;
			this.language = language;
			this.revision = revision;
		}

		@Override
		public String current(HostedSite site, Locale language) {
			return "";
		}

		@Override
		public boolean known(String hash, String site, String language, int revision) {
			this.asked.add(hash + " " + site + " " + language + " " + revision);
			return (this.hash == null || this.hash.equals(hash)) && this.site.equals(site)
					&& this.language.equals(language) && this.revision == revision;
		}

	}

}
