package org.chartecookies.consent;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The banner's form: {@code decision} is {@code accept-all}, {@code reject-all}, {@code custom} (the {@code category}
 * fields list the accepted categories) or {@code acknowledge} (the notice shown when nothing needs consent);
 * {@code return} is the path to go back to; {@code revision} is the registry's revision the banner showed (absent
 * from forms that do not come from the banner: a script's own post); {@code snapshot} is the hash of the snapshot the
 * banner showed ({@link SnapshotHashes}), absent from a script's own post.
 */
record ConsentForm(@Nullable String decision, @Nullable List<String> category, @Nullable String returnPath,
		@Nullable String revision, @Nullable String snapshot) {

	/** A form that names no snapshot. */
	ConsentForm(@Nullable String decision, @Nullable List<String> category, @Nullable String returnPath,
			@Nullable String revision) {
		this(decision, category, returnPath, revision, null);
	}

}
