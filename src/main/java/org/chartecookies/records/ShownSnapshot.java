package org.chartecookies.records;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.chartecookies.consent.SnapshotHashes;

/**
 * What visitors of a site were shown in a language for a registry content: the banner as rendered and the charter,
 * stored once as one UTF-8 document and named by the SHA-256 of its bytes.
 *
 * @param hash the SHA-256 of {@code content}, in lower-case hex, when it was stored
 * @param registryRevision the revision the registry declared (an edit without a raised revision still makes another
 * snapshot: the content differs)
 * @param firstShownAt when it was first served
 * @param content the document, UTF-8
 */
public record ShownSnapshot(String hash, String site, String language, int registryRevision, Instant firstShownAt,
		byte[] content) {

	static final String COLUMNS = "snapshot_hash, site, language_tag, registry_revision, first_shown_at, content";

	/** Whether the content is still what its hash names: false when it was altered after it was stored. */
	public boolean intact() {
		return this.hash.equals(sha256(this.content));
	}

	/** Whether it is stored as what this site showed in this language at this registry revision. */
	public boolean shows(String site, String language, int revision) {
		return this.site.equals(site) && this.language.equals(language) && this.registryRevision == revision;
	}

	/** The document as text. */
	public String text() {
		return new String(this.content, StandardCharsets.UTF_8);
	}

	/** SHA-256 in lower-case hex, as {@code sha256sum} prints it: the snapshots' own ({@link SnapshotHashes#sha256}). */
	public static String sha256(byte[] bytes) {
		return SnapshotHashes.sha256(bytes);
	}

	static ShownSnapshot of(ResultSet rs, int row) throws SQLException {
		return new ShownSnapshot(rs.getString("snapshot_hash"), rs.getString("site"), rs.getString("language_tag"),
				rs.getInt("registry_revision"), rs.getObject("first_shown_at", OffsetDateTime.class).toInstant(),
				rs.getBytes("content"));
	}

}
