package org.chartecookies.web;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * A text a page shows that belongs to the visitor who asks (their consent id) and so must never be part of a kept
 * rendering: templates write {@link #MARK} where it goes, and {@link RenderedPages} puts the asking request's text in
 * its place each time it sends a page, from the cache or not. The page's key stays the same for every visitor, so the
 * cache holds one rendering per page, not one per visitor, and a rendering kept for one visitor can never show their
 * text to another. Implemented where that text is known.
 */
public interface PersonalText {

	/**
	 * Stands for the text in a rendering: random for each process, so that no registry entry or message can hold it
	 * by chance or on purpose. It never leaves the process: every answer has it replaced (by nothing, at worst).
	 */
	String MARK = newMark();

	/**
	 * This request's text, or null when it has none (its marks are then removed). Only letters, digits, {@code -}
	 * and {@code _}, at most 64: it goes into the HTML and the {@code ETag} as it is, so anything else is ignored.
	 */
	@Nullable String of(HttpServletRequest request);

	private static String newMark() {
		byte[] random = new byte[16];
		new SecureRandom().nextBytes(random);
		return "charte-personal-" + HexFormat.of().formatHex(random);
	}

}
