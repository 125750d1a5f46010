package org.chartecookies.records;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.chartecookies.consent.ConsentDecided;

/**
 * A decision waiting to be written: everything a record says except its place in a chain.
 *
 * @param choices each optional category's id and whether it was accepted, in id order
 * @param site the id of the site it was made on; empty for the records written before there were several sites
 * @param snapshotHash the SHA-256 of the snapshot of what the visitor was shown when deciding; empty for the records
 * written before there were snapshots
 * @param snapshotNamed the form the decision came with named its snapshot; false when the decision came without one
 * (a script's own post, an unknown or malformed value) and {@code snapshotHash} is the snapshot then current for its
 * site and language
 */
record PendingRecord(String consentId, Instant decidedAt, int revision, String kind, Map<String, Boolean> choices,
		boolean globalPrivacyControl, String language, String pagePath, String site, String snapshotHash,
		boolean snapshotNamed) {

	PendingRecord {
		choices = Collections.unmodifiableMap(new TreeMap<>(choices));
		// To the second, as the cookie and the record's hash hold it: the same decision whatever a store kept of it.
		decidedAt = decidedAt.truncatedTo(ChronoUnit.SECONDS);
	}

	/** A record whose form named its snapshot. */
	PendingRecord(String consentId, Instant decidedAt, int revision, String kind, Map<String, Boolean> choices,
			boolean globalPrivacyControl, String language, String pagePath, String site, String snapshotHash) {
		this(consentId, decidedAt, revision, kind, choices, globalPrivacyControl, language, pagePath, site, snapshotHash,
				true);
	}

	/** A record of the time before snapshots: no snapshot. */
	PendingRecord(String consentId, Instant decidedAt, int revision, String kind, Map<String, Boolean> choices,
			boolean globalPrivacyControl, String language, String pagePath, String site) {
		this(consentId, decidedAt, revision, kind, choices, globalPrivacyControl, language, pagePath, site, "", false);
	}

	/** A record of the time before sites: no site. */
	PendingRecord(String consentId, Instant decidedAt, int revision, String kind, Map<String, Boolean> choices,
			boolean globalPrivacyControl, String language, String pagePath) {
		this(consentId, decidedAt, revision, kind, choices, globalPrivacyControl, language, pagePath, "");
	}

	static PendingRecord of(ConsentDecided event) {
		return new PendingRecord(event.decision().consentId(), event.decision().decidedAt(),
				event.decision().revision(), event.kind(), event.decision().choices(), event.globalPrivacyControl(),
				event.language(), event.pagePath(), event.site(), event.snapshotHash(), event.snapshotNamed());
	}

	/** The choices as stored: {@code statistics=accepted,video=refused}, in id order (empty when none). */
	String choicesText() {
		StringJoiner text = new StringJoiner(",");
		this.choices.forEach((id, accepted) -> text.add(id + "=" + (accepted ? "accepted" : "refused")));
		return text.toString();
	}

	static Map<String, Boolean> parseChoices(String text) {
		Map<String, Boolean> choices = new TreeMap<>();
		if (!text.isEmpty()) {
			for (String pair : text.split(",", -1)) {
				int equals = pair.indexOf('=');
				choices.put(pair.substring(0, equals), pair.substring(equals + 1).equals("accepted"));
			}
		}
		return choices;
	}

}
