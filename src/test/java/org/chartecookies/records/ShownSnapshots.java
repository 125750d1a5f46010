package org.chartecookies.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Snapshots as the tests make them, beside those the application records: a document of the snapshots' form (one
 * {@code <style>}, then the banner's first layer, the banner with its choices open, the charter's main content and the
 * registry, each in its section), and what someone with access to the database could do to them.
 */
public final class ShownSnapshots {

	private ShownSnapshots() {
	}

	/** The document of the snapshots' form with these parts. */
	public static String document(String language, String style, String banner, String choices, String charter,
			String registry) {
		return "<!DOCTYPE html>\n<html lang=\"" + language + "\"><head><meta charset=\"utf-8\"><title>snapshot</title>\n"
				+ "<style>" + style + "</style></head>\n<body>\n<section id=\"snapshot-banner\">" + banner
				+ "</section>\n<section id=\"snapshot-choices\">" + choices + "</section>\n<section id=\"snapshot-charter\">"
				+ charter + "</section>\n<section id=\"snapshot-registry\"><pre>" + registry.replace("&", "&amp;")
					.replace("<", "&lt;") + "</pre></section>\n</body></html>\n";
	}

	/** Stores a snapshot for {@code site}, as first shown now (unless it is stored already), and returns its hash. */
	public static String store(JdbcClient jdbc, String site, String language, int revision, String document) {
		byte[] content = document.getBytes(StandardCharsets.UTF_8);
		String hash = ShownSnapshot.sha256(content);
		if (jdbc.sql("SELECT COUNT(*) FROM consent_snapshot WHERE snapshot_hash = ?").param(hash).query(Long.class).single() > 0) {
			return hash;
		}
		jdbc.sql("INSERT INTO consent_snapshot (" + ShownSnapshot.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
			.params(hash, site, language, revision, Instant.now().atOffset(ZoneOffset.UTC), content)
			.update();
		return hash;
	}

	/** Makes the record of this consent id name this snapshot, as a decision recorded on it does. */
	public static void answered(JdbcClient jdbc, String consentId, String hash) {
		jdbc.sql("UPDATE consent_record SET snapshot_hash = ? WHERE consent_id = ?").params(hash, consentId).update();
	}

	/** Alters a stored snapshot's content, as someone with access to the database could. */
	public static void alter(JdbcClient jdbc, String hash, String newContent) {
		jdbc.sql("UPDATE consent_snapshot SET content = ? WHERE snapshot_hash = ?")
			.params(newContent.getBytes(StandardCharsets.UTF_8), hash)
			.update();
	}

}
