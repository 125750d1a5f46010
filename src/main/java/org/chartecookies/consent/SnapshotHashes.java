package org.chartecookies.consent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.chartecookies.registry.HostedSite;
import org.jspecify.annotations.Nullable;

/**
 * The snapshots of what visitors are shown (docs/records.md, "What the visitor was shown"): for a site as loaded and a
 * language, the SHA-256 of one document holding the banner as an undecided visitor gets it (first layer, choices
 * open), the charter and the registry. Made once per site as loaded and language, kept durably before its hash is
 * served, never per visitor.
 */
public interface SnapshotHashes {

	/** Without snapshots: no hash, none known. */
	SnapshotHashes NONE = new SnapshotHashes() {

		@Override
		public String current(HostedSite site, Locale language) {
			return "";
		}

		@Override
		public boolean known(String hash, String site, String language, int revision) {
			return false;
		}

	};

	/** The form of a snapshot's hash: SHA-256 in lower-case hex. */
	Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	/** A snapshot's hash: SHA-256 of its bytes in lower-case hex, as {@code sha256sum} prints it. */
	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/** The hash of what this site shows in this language, made (and kept) the first time; empty when it cannot be. */
	String current(HostedSite site, Locale language);

	/**
	 * Whether a snapshot of this hash was made and kept (by this instance, now or before a restart) as what this site
	 * showed in this language at this registry revision.
	 */
	boolean known(String hash, String site, String language, int revision);

	/**
	 * Whether a form's value is the hash of what this site showed in this language at its current revision: anything
	 * else (absent, malformed, unknown, another site's, language's or revision's) is not, so that a decision never
	 * claims a snapshot its visitor could not have been shown.
	 */
	default boolean named(@Nullable String value, HostedSite site, Locale language) {
		return value != null && HASH.matcher(value).matches()
				&& known(value, site.id(), language.getLanguage(), site.registry().revision());
	}

}
