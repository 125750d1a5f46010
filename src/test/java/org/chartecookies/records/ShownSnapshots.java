package org.chartecookies.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Snapshots as the tests store them, until decisions record their own: a document of the snapshots' form (one
 * {@code <style>}, then the banner's first layer, the banner with its choices open, the charter's main content and the
 * registry, each in its section), built from the pages a running instance serves to a visitor without a decision.
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

	/**
	 * The snapshot of what the instance at {@code origin} shows a visitor in {@code language} on its charter page: the
	 * banner as served (first layer; choices open through {@code ?cookies=manage}), the charter's {@code <main>}, and
	 * the banner's and the charter's style sheets as the application holds them.
	 */
	public static String fromPages(String origin, String language) {
		String page = get(origin + "/cookies?lang=" + language);
		String manage = get(origin + "/cookies?cookies=manage&lang=" + language);
		return document(language, resource("static/css/cookie-banner.css") + resource("static/css/charte.css"),
				element(page, "<div id=\"cookie-banner\"", "div"), element(manage, "<div id=\"cookie-banner\"", "div"),
				element(page, "<main", "main"), "site: cookies\n");
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

	/** The element that starts with {@code start}, to its matching closing tag (elements of its name nest). */
	static String element(String html, String start, String name) {
		int from = html.indexOf(start);
		if (from < 0) {
			throw new IllegalStateException("no " + start + " in the page");
		}
		int depth = 0;
		int position = from;
		while (true) {
			int open = html.indexOf("<" + name, position + 1);
			int close = html.indexOf("</" + name + ">", position + 1);
			if (close < 0) {
				throw new IllegalStateException(start + " is not closed");
			}
			if (open >= 0 && open < close) {
				depth++;
				position = open;
			}
			else if (depth == 0) {
				return html.substring(from, close + name.length() + 3);
			}
			else {
				depth--;
				position = close;
			}
		}
	}

	private static String get(String url) {
		try {
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + answer.statusCode());
			}
			return answer.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String resource(String path) {
		try (InputStream in = ShownSnapshots.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("no " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
