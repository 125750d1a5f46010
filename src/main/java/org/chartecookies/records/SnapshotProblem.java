package org.chartecookies.records;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of what visitors were shown that no longer proves it: its content altered since it was stored, missing
 * while records name it, or stored as another site's, language's or revision's than records naming it.
 *
 * @param hash the snapshot's hash (its name)
 * @param records how many records name it
 * @param consentId for a missing or mislabelled snapshot, one of the records naming it (the first by consent id)
 */
public record SnapshotProblem(String hash, Fault fault, long records, @Nullable String consentId) {

	/** What is wrong with it. */
	public enum Fault {

		/** Its content no longer matches its hash: it was altered after it was stored. */
		ALTERED,
		/** Records name it, and the database does not have it. */
		MISSING,
		/**
		 * It is stored as another site's, language's or revision's than those of records naming it, or as first shown
		 * after one of them: what it was stored with (which its hash does not cover) was changed since, or it is not
		 * what those visitors were shown.
		 */
		MISLABELLED

	}

	private String count() {
		return (this.records == 0) ? "no record names it"
				: (this.records == 1) ? "1 record names it" : this.records + " records name it";
	}

	public String describe() {
		return switch (this.fault) {
			case ALTERED -> "snapshot " + this.hash + " was altered: its content no longer matches its hash ("
					+ count() + ")";
			case MISSING -> "snapshot " + this.hash + " is missing, yet " + count() + " (consent id " + this.consentId
					+ (this.records > 1 ? " among them)" : ")");
			case MISLABELLED -> "snapshot " + this.hash + " is stored as another site's, language's or revision's than"
					+ " the records naming it say (" + this.records + ", consent id " + this.consentId
					+ (this.records > 1 ? " among them)" : ")");
		};
	}

}
