package org.chartecookies.records;

import java.security.PublicKey;
import java.time.Instant;
import java.time.Period;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A signed statement about a chain, kept outside the database (a file on another volume, the application's log): where
 * its head stood when an instance took it ({@code taken}), while it held it ({@code held}) and when it let it go
 * ({@code released}), or what a retention purge cut from its beginning ({@code cut}). One line of text,
 * found wherever it is quoted (a log line's message), signed with Ed25519 over everything before its signature:
 * <pre>
 * charte-checkpoint/1 held writer=w-1 at=2026-12-06T10:00:00Z sequence=1200 hash=… cut=0 cut-hash=… key=… signature=…
 * charte-checkpoint/1 cut writer=w-1 at=… from=0 sequence=40 hash=… youngest=… cutoff=… retention=P5Y key=… signature=…
 * </pre>
 *
 * @param kind {@code taken}, {@code held} or {@code released} (a head), or {@code cut}
 * @param sequence the head's sequence, or the last record the cut removed
 * @param hash that record's hash
 * @param cut for a head: the chain's cut then (for a cut: where the chain was cut before)
 * @param cutHash the hash of that cut's last record (64 zeros for none)
 * @param youngest for a cut: the youngest decision it removed
 * @param cutoff for a cut: every decision it removed was older than this
 * @param retention for a cut: the retention period it applied
 */
record Checkpoint(String kind, String writerId, Instant at, long sequence, String hash, long cut, String cutHash,
		@Nullable Instant youngest, @Nullable Instant cutoff, @Nullable Period retention, String keyId) {

	static final String MARK = "charte-checkpoint/1 ";

	/** The head as an instance took the chain. */
	static final String TAKEN = "taken";

	/** The head while an instance holds the chain. */
	static final String HELD = "held";

	/** The head as an instance let the chain go: nothing may follow until an instance takes it again. */
	static final String RELEASED = "released";

	static final String CUT = "cut";

	private static final String SIGNATURE = " signature=";

	static Checkpoint head(String writerId, Instant at, RecordStore.ChainHead head, long cut, String cutHash,
			String keyId) {
		return head(HELD, writerId, at, head, cut, cutHash, keyId);
	}

	static Checkpoint head(String state, String writerId, Instant at, RecordStore.ChainHead head, long cut,
			String cutHash, String keyId) {
		return new Checkpoint(state, writerId, at, head.sequence(), head.hash(), cut, cutHash, null, null, null, keyId);
	}

	/** Whether it states a head ({@code taken}, {@code held}, {@code released}) rather than a cut. */
	boolean isHead() {
		return !this.kind.equals(CUT);
	}

	/** The hashes these heads name, by place in the chain (one place may be named more than once). */
	static Map<Long, Set<String>> signedAt(Collection<Checkpoint> statements) {
		Map<Long, Set<String>> signed = new HashMap<>();
		statements.stream()
			.filter(Checkpoint::isHead)
			.forEach((head) -> signed.computeIfAbsent(head.sequence(), (sequence) -> new HashSet<>()).add(head.hash()));
		return signed;
	}

	/** Whether a record of this hash is not the one signed at its place: another hash, or two different ones, named there. */
	static boolean contradicts(@Nullable Set<String> signed, String hash) {
		return signed != null && (signed.size() > 1 || !signed.contains(hash));
	}

	static Checkpoint cut(ExpiredRecords.Cut cut, Period retention, String keyId) {
		return new Checkpoint(CUT, cut.writerId(), cut.at(), cut.to(), cut.toHash(), cut.from(), cut.fromHash(),
				cut.youngest(), cut.cutoff(), retention, keyId);
	}

	/** The statement as signed (everything but the signature). */
	String text() {
		StringBuilder text = new StringBuilder(MARK).append(this.kind)
			.append(" writer=").append(this.writerId)
			.append(" at=").append(this.at);
		if (isHead()) {
			text.append(" sequence=").append(this.sequence).append(" hash=").append(this.hash);
			text.append(" cut=").append(this.cut).append(" cut-hash=").append(this.cutHash);
		}
		else {
			text.append(" from=").append(this.cut).append(" from-hash=").append(this.cutHash);
			text.append(" sequence=").append(this.sequence).append(" hash=").append(this.hash);
			text.append(" youngest=").append(this.youngest).append(" cutoff=").append(this.cutoff);
			text.append(" retention=").append(this.retention);
		}
		return text.append(" key=").append(this.keyId).toString();
	}

	/** The line to keep: the statement and its signature. */
	String signedWith(SigningKey key) {
		String text = text();
		return text + SIGNATURE + key.sign(text);
	}

	/**
	 * A statement read from a line that holds one, and whether it bears its key's signature.
	 *
	 * @param checkpoint null when the line holds no statement this can read
	 * @param signed whether the signature verifies with the key the statement names (among those given)
	 */
	record Read(@Nullable Checkpoint checkpoint, boolean signed) {
	}

	/**
	 * The statement in a line, if the line quotes one (wherever in the line: a log line's message), with whether it is
	 * signed by one of the keys; null when the line holds none.
	 */
	static @Nullable Read read(String line, Map<String, java.security.PublicKey> keys) {
		int start = line.indexOf(MARK);
		if (start < 0) {
			return null;
		}
		String statement = line.substring(start).strip();
		int signatureAt = statement.lastIndexOf(SIGNATURE);
		if (signatureAt < 0) {
			return new Read(null, false);
		}
		String text = statement.substring(0, signatureAt);
		String signature = statement.substring(signatureAt + SIGNATURE.length());
		Checkpoint checkpoint = parse(text);
		if (checkpoint == null) {
			return new Read(null, false);
		}
		@Nullable PublicKey key = keys.get(checkpoint.keyId());
		// Parsed again and written out the same: one writing per statement, so that what is signed is what is read.
		boolean signed = checkpoint.text().equals(text) && SigningKey.verify(key, text, signature);
		return new Read(checkpoint, signed);
	}

	private static @Nullable Checkpoint parse(String text) {
		String[] words = text.substring(MARK.length()).split(" ");
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 1; i < words.length; i++) {
			int equals = words[i].indexOf('=');
			if (equals <= 0 || fields.put(words[i].substring(0, equals), words[i].substring(equals + 1)) != null) {
				return null;
			}
		}
		try {
			String kind = words[0];
			Function<String, String> field = (name) -> Objects.requireNonNull(fields.get(name));
			if (kind.equals(TAKEN) || kind.equals(HELD) || kind.equals(RELEASED)) {
				return new Checkpoint(kind, field.apply("writer"), Instant.parse(field.apply("at")),
						Long.parseLong(field.apply("sequence")), field.apply("hash"), Long.parseLong(field.apply("cut")),
						field.apply("cut-hash"), null, null, null, field.apply("key"));
			}
			if (kind.equals(CUT)) {
				return new Checkpoint(kind, field.apply("writer"), Instant.parse(field.apply("at")),
						Long.parseLong(field.apply("sequence")), field.apply("hash"), Long.parseLong(field.apply("from")),
						field.apply("from-hash"), Instant.parse(field.apply("youngest")), Instant.parse(field.apply("cutoff")),
						Period.parse(field.apply("retention")), field.apply("key"));
			}
			return null;
		}
		catch (RuntimeException ex) {
			// A field missing (null) or malformed: no statement this can read.
			return null;
		}
	}

}
