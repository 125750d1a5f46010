package org.chartecookies.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A decision as stored: its place in its writer's chain, and the hash that ties it to the record before it.
 *
 * @param writerId the chain (one per running instance)
 * @param sequence its place in the chain, from 1, without gaps
 * @param previousHash the hash of the record before it in the chain ({@link #GENESIS} for the first)
 * @param hash SHA-256 of the writer, the content and {@code previousHash} (the site among the content since it exists,
 * the snapshot shown and whether the form named it since there are snapshots: a record without a site, or without a
 * snapshot, is hashed exactly as before, so that the records written earlier still verify). The sequence is left out on purpose: the
 * previous hash already fixes a record's place, so a record moved elsewhere still matches its own hash and is named as
 * out of order rather than as altered
 */
record ConsentRecord(String writerId, long sequence, PendingRecord content, String previousHash, String hash) {

	/** The "previous hash" of a chain's first record. */
	static final String GENESIS = "0".repeat(64);

	static ConsentRecord chain(String writerId, long sequence, PendingRecord content, String previousHash) {
		return new ConsentRecord(writerId, sequence, content, previousHash, hashOf(writerId, content, previousHash));
	}

	/** Whether the stored hash is still the hash of the stored fields. */
	boolean intact() {
		return this.hash.equals(hashOf(this.writerId, this.content, this.previousHash));
	}

	/**
	 * SHA-256, in hex, of the fields in a fixed order, each preceded by its length so that no two different records
	 * share an input.
	 */
	static String hashOf(String writerId, PendingRecord content, String previousHash) {
		StringBuilder input = new StringBuilder(256);
		// Version 2 adds the site, version 3 the snapshot shown and whether the form named it; versions 1 (no site)
		// and 2 (no snapshot) stay what they were, for the records written before.
		String[] fields = !content.snapshotHash().isEmpty()
				? new String[] { "charte-cookies consent record v3", writerId, content.site(), content.consentId(),
						Long.toString(content.decidedAt().getEpochSecond()), Integer.toString(content.revision()),
						content.kind(), content.choicesText(), Boolean.toString(content.globalPrivacyControl()),
						content.language(), content.pagePath(), content.snapshotHash(),
						Boolean.toString(content.snapshotNamed()), previousHash }
				: content.site().isEmpty()
				? new String[] { "charte-cookies consent record v1", writerId, content.consentId(),
						Long.toString(content.decidedAt().getEpochSecond()), Integer.toString(content.revision()),
						content.kind(), content.choicesText(), Boolean.toString(content.globalPrivacyControl()),
						content.language(), content.pagePath(), previousHash }
				: new String[] { "charte-cookies consent record v2", writerId, content.site(), content.consentId(),
						Long.toString(content.decidedAt().getEpochSecond()), Integer.toString(content.revision()),
						content.kind(), content.choicesText(), Boolean.toString(content.globalPrivacyControl()),
						content.language(), content.pagePath(), previousHash };
		for (String field : fields) {
			input.append(field.length()).append(':').append(field).append('\n');
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
