package org.chartecookies.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a snapshot document that the proof page shows: its style, the banner's two states and the charter.
 * The document is the application's own (one {@code <style>} in its head, then four sections in a fixed order, each
 * named by its id), so its parts are found by those markers, not by a general HTML parser; a document without them
 * in that order is not read at all.
 *
 * @param style the {@code <style>} element's text, as stored
 * @param banner the banner's first layer
 * @param choices the banner with its choices open
 * @param charter the charter's main content
 */
record ShownDocument(String style, String banner, String choices, String charter) {

	static final String[] SECTIONS = { "snapshot-banner", "snapshot-choices", "snapshot-charter", "snapshot-registry" };

	private static final String SECTION_END = "</section>";

	/**
	 * The parts of the document, or nothing when it is not a snapshot document. Only an intact document should be
	 * read: its parts are put in the page as they are.
	 */
	static Optional<ShownDocument> of(String html) {
		int styleStart = html.indexOf("<style>");
		int styleEnd = html.indexOf("</style>");
		if (styleStart < 0 || styleEnd < styleStart) {
			return Optional.empty();
		}
		String[] parts = new String[SECTIONS.length];
		int position = styleEnd;
		for (int i = 0; i < SECTIONS.length; i++) {
			String opening = "<section id=\"" + SECTIONS[i] + "\">";
			int start = html.indexOf(opening, position);
			if (start < 0) {
				return Optional.empty();
			}
			int contentStart = start + opening.length();
			int limit = (i + 1 < SECTIONS.length) ? html.indexOf("<section id=\"" + SECTIONS[i + 1] + "\">", contentStart)
					: html.indexOf("</body>", contentStart);
			int end = (limit < 0) ? -1 : html.lastIndexOf(SECTION_END, limit);
			if (end < contentStart) {
				return Optional.empty();
			}
			parts[i] = html.substring(contentStart, end);
			position = end;
		}
		String style = html.substring(styleStart + "<style>".length(), styleEnd);
		// Each part goes inside a <template> of the proof page: one that closed it would spill into the page.
		for (String part : parts) {
			if (part.toLowerCase(Locale.ROOT).contains("</template")) {
				return Optional.empty();
			}
		}
		return Optional.of(new ShownDocument(shadowStyle(style), parts[0], parts[1], parts[2]));
	}

	/**
	 * The style as it applies inside the proof page's shadow trees: each part is shown in a shadow tree of its own
	 * (the document's style there and nowhere else in the page), whose root is its host, not {@code :root}. The
	 * banner's palette, declared on {@code :root}, is declared on the host instead.
	 */
	private static String shadowStyle(String style) {
		return style.replace(":root", ":host");
	}

	/** The Content-Security-Policy source allowing exactly this style: {@code 'sha256-…'}. */
	String styleSource() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.style.getBytes(StandardCharsets.UTF_8));
			return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
