package org.chartecookies.consent;

import java.time.Instant;

/**
 * Keeps each new snapshot durably before its hash is served (the records' folder, where decisions wait too), so that a
 * decision naming it never names a snapshot that a crash lost. Implemented by the consent records.
 */
public interface SnapshotKeeper {

	/** Keeps nothing (consent records off): every snapshot is taken as kept. */
	SnapshotKeeper NONE = new SnapshotKeeper() {

		@Override
		public void keep(Made snapshot) {
		}

		@Override
		public boolean kept(String hash, String site, String language, int revision) {
			return false;
		}

	};

	/**
	 * A snapshot just made.
	 *
	 * @param hash the SHA-256 of {@code content}, lower-case hex
	 * @param site the site's id
	 * @param language the language's tag ({@code fr}, {@code en})
	 * @param revision the revision its registry declares
	 * @param firstShownAt when it was made, before its first serving
	 * @param content the document, UTF-8
	 */
	record Made(String hash, String site, String language, int revision, Instant firstShownAt, byte[] content) {
	}

	/**
	 * Keeps the snapshot, on disk, and returns once it is there.
	 *
	 * @throws java.io.UncheckedIOException when it cannot be kept (then its hash is not served)
	 */
	void keep(Made snapshot);

	/**
	 * Whether a snapshot of this hash (a well-formed one) was kept, now or before a restart, as what this site showed in
	 * this language at this registry revision.
	 */
	boolean kept(String hash, String site, String language, int revision);

}
