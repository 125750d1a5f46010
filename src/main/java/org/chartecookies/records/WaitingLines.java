package org.chartecookies.records;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.chartecookies.consent.ConsentDecided;
import org.chartecookies.consent.SnapshotHashes;
import org.chartecookies.registry.CookieRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The lines of the records folder's files (the journal, the decisions waiting for the database): one decision a line,
 * and, when a signing key is configured, an HMAC of the line, so that a line nobody with the key wrote is never
 * chained. A line read back is checked as the consent endpoint checks a decision (a known site, a consent id, a
 * time within the waiting period, a page path it could have made): the file is outside the database's protection.
 */
final class WaitingLines implements Journal.Codec {

	/** Without an authentication code (no key configured); before snapshots. */
	private static final String PLAIN = "r1";

	/** With the HMAC of the rest of the line as its last field; before snapshots. */
	private static final String AUTHENTICATED = "r2";

	/** As {@link #PLAIN}, with the snapshot's hash and whether the form named it. */
	private static final String PLAIN_SNAPSHOT = "r3";

	/** As {@link #AUTHENTICATED}, with the snapshot's hash and whether the form named it. */
	private static final String AUTHENTICATED_SNAPSHOT = "r4";

	/** A clock ahead of this one by up to this much is not a forgery. */
	private static final Duration SKEW = Duration.ofMinutes(5);

	private final @Nullable SigningKey key;

	/** The registry of each site served, by its id; null for a site not served. */
	private final Function<String, @Nullable CookieRegistry> registries;

	private final Clock clock;

	private final Duration maxWait;

	/**
	 * A line read: its decision, or why it is not taken.
	 *
	 * @param problem null when the decision is taken
	 */
	record Reading(@Nullable PendingRecord record, @Nullable String problem) {
	}

	WaitingLines(@Nullable SigningKey key, Function<String, @Nullable CookieRegistry> registries, Clock clock,
			Duration maxWait) {
		this.key = key;
		this.registries = registries;
		this.clock = clock;
		this.maxWait = maxWait;
	}

	@Override
	public String encode(PendingRecord record) {
		String fields = String.join("\t", Long.toString(record.decidedAt().getEpochSecond()),
				Integer.toString(record.revision()), record.kind(), record.choicesText(),
				Boolean.toString(record.globalPrivacyControl()), text(record.language()), text(record.pagePath()),
				text(record.site()), record.snapshotHash(), Boolean.toString(record.snapshotNamed()));
		if (this.key == null) {
			return PLAIN_SNAPSHOT + "\t" + record.consentId() + "\t" + fields;
		}
		String line = AUTHENTICATED_SNAPSHOT + "\t" + record.consentId() + "\t" + fields;
		return line + "\t" + this.key.authenticate(line);
	}

	/** Reads a line: the decision when it is one the application wrote and could have made, else why not. */
	Reading read(String line) {
		if (!line.chars().allMatch((c) -> c >= 0x20 && c < 0x7f || c == '\t')) {
			// Not a line the writer wrote: it writes printable ASCII and tabs only.
			return refused("unreadable");
		}
		String[] fields = line.split("\t", -1);
		boolean snapshot = fields[0].equals(PLAIN_SNAPSHOT) || fields[0].equals(AUTHENTICATED_SNAPSHOT);
		boolean authenticated = fields[0].equals(AUTHENTICATED) || fields[0].equals(AUTHENTICATED_SNAPSHOT);
		int length = 10 + (snapshot ? 2 : 0);
		boolean known = fields[0].equals(PLAIN) || fields[0].equals(AUTHENTICATED) || snapshot;
		if (!known || fields.length != length + (authenticated ? 1 : 0)) {
			return refused("unreadable");
		}
		if (this.key != null) {
			if (!authenticated) {
				return refused("not authenticated (written without the signing key)");
			}
			if (!this.key.authentic(line.substring(0, line.lastIndexOf('\t')), fields[length])) {
				return refused("not authenticated (altered, or written with another key)");
			}
		}
		PendingRecord record;
		try {
			record = new PendingRecord(fields[1], Instant.ofEpochSecond(Long.parseLong(fields[2])),
					Integer.parseInt(fields[3]), fields[4], PendingRecord.parseChoices(fields[5]), bool(fields[6]),
					URLDecoder.decode(fields[7], StandardCharsets.UTF_8), URLDecoder.decode(fields[8], StandardCharsets.UTF_8),
					URLDecoder.decode(fields[9], StandardCharsets.UTF_8), snapshot ? hash(fields[10]) : "",
					snapshot && bool(fields[11]));
		}
		catch (RuntimeException ex) {
			return refused("unreadable");
		}
		// Choices the writer would write otherwise (a value neither accepted nor refused, out of order, twice).
		String problem = record.choicesText().equals(fields[5]) ? problem(record) : "unreadable";
		return (problem != null) ? refused(problem) : new Reading(record, null);
	}

	private @Nullable String problem(PendingRecord record) {
		String invalid = ConsentDecided.problem(record.consentId(), record.decidedAt(), record.revision(), record.kind(),
				record.choices(), record.language(), record.pagePath(), this.registries.apply(record.site()));
		if (invalid != null) {
			return invalid;
		}
		Instant now = this.clock.instant();
		if (record.decidedAt().isAfter(now.plus(SKEW))) {
			return "decided in the future";
		}
		if (record.decidedAt().isBefore(now.minus(this.maxWait))) {
			return "decided before the waiting period (charte.records.max-wait, " + this.maxWait + ")";
		}
		return null;
	}

	private static boolean bool(String text) {
		if (!text.equals("true") && !text.equals("false")) {
			throw new IllegalArgumentException("not a boolean");
		}
		return text.equals("true");
	}

	/** A snapshot's hash as the writer writes it: SHA-256 in lower-case hex, or nothing. */
	private static String hash(String text) {
		if (!text.isEmpty() && !SnapshotHashes.HASH.matcher(text).matches()) {
			throw new IllegalArgumentException("not a snapshot's hash");
		}
		return text;
	}

	private static Reading refused(String problem) {
		return new Reading(null, problem);
	}

	private static String text(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
