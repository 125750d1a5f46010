package org.chartecookies.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where a visitor goes back to after a decision: a same-origin absolute path, or the charter when the candidate is
 * anything else (another site, a protocol-relative or backslash trick, control characters, non-ASCII, too long).
 */
public final class ReturnPath {

	public static final String CHARTER = "/cookies";

	static final int MAX_LENGTH = 2048;

	/** What the switch adds to a page at most: {@code &cookies=manage}. */
	private static final int SWITCH_ROOM = 16;

	private ReturnPath() {
	}

	/** The query parameter of a page's address that opens the banner's choices or confirms a decision. */
	public static final String SWITCH = "cookies";

	/**
	 * A same-origin path split once into the page (its path and query, the {@code cookies} switch taken out) and the
	 * switch's value.
	 *
	 * @param page the page, a same-origin path without the switch
	 * @param mode the switch's first value, or null when the address has none
	 */
	record Split(String page, @Nullable String mode) {
	}

	/**
	 * The candidate without its {@code cookies} switch, made safe by {@link #of} (the charter, and no switch, when it is
	 * not), and that switch's value. The length limit is the page's, as in {@link #withSwitch}: an address made of the
	 * longest page and its switch splits into both.
	 */
	static Split split(@Nullable String candidate) {
		if (candidate == null || candidate.length() > MAX_LENGTH + SWITCH_ROOM) {
			return new Split(CHARTER, null);
		}
		Split split = splitText(candidate);
		return split.page().equals(of(split.page())) ? split : new Split(CHARTER, null);
	}

	/** The split of a text as it is, safe or not. */
	private static Split splitText(String path) {
		int hash = path.indexOf('#');
		String fragment = (hash < 0) ? "" : path.substring(hash);
		String rest = (hash < 0) ? path : path.substring(0, hash);
		int question = rest.indexOf('?');
		if (question < 0) {
			return new Split(path, null);
		}
		StringBuilder kept = new StringBuilder();
		String mode = null;
		for (String field : rest.substring(question + 1).split("&", -1)) {
			int equals = field.indexOf('=');
			String name = (equals < 0) ? field : field.substring(0, equals);
			if (name.equals(SWITCH)) {
				if (mode == null) {
					mode = (equals < 0) ? "" : field.substring(equals + 1);
				}
			}
			else if (!field.isEmpty()) {
				kept.append((kept.length() == 0) ? "?" : "&").append(field);
			}
		}
		return new Split(rest.substring(0, question) + kept + fragment, mode);
	}

	/**
	 * A page (a path without the switch, made safe by {@link #of}: the charter when it is not) with the switch set. The
	 * limit of {@value #MAX_LENGTH} characters is the page's: the switch may take the address past it, so that the
	 * longest page accepted still comes back with its switch (the visitor sees the confirmation where they decided).
	 */
	static String withSwitch(String page, BannerSwitch mode) {
		String safe = of(page);
		int hash = safe.indexOf('#');
		String fragment = (hash < 0) ? "" : safe.substring(hash);
		String rest = (hash < 0) ? safe : safe.substring(0, hash);
		return rest + ((rest.indexOf('?') < 0) ? "?" : "&") + SWITCH + "=" + mode.value() + fragment;
	}

	/** Whether the text is a path as {@link #pathOnly} makes them: safe, without query string or fragment. */
	static boolean isPagePath(String text) {
		return text.indexOf('?') < 0 && text.indexOf('#') < 0 && of(text).equals(text);
	}

	/** The candidate, once made safe by {@link #of}, without its query string and fragment. */
	static String pathOnly(@Nullable String candidate) {
		String path = of(candidate);
		int end = path.length();
		int question = path.indexOf('?');
		int hash = path.indexOf('#');
		if (question >= 0) {
			end = question;
		}
		if (hash >= 0 && hash < end) {
			end = hash;
		}
		return path.substring(0, end);
	}

	public static String of(@Nullable String candidate) {
		if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH || !candidate.startsWith("/")
				|| candidate.startsWith("//") || candidate.startsWith("/\\")) {
			return CHARTER;
		}
		for (int i = 0; i < candidate.length(); i++) {
			char c = candidate.charAt(i);
			// Visible ASCII only: no spaces, no CR/LF, no backslash (browsers read it as a slash), no look-alikes.
			if (c < 0x21 || c > 0x7e || c == '\\') {
				return CHARTER;
			}
		}
		try {
			URI uri = new URI(candidate);
			if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
					|| !uri.getRawPath().startsWith("/") || hasDotSegment(uri.getRawPath())) {
				return CHARTER;
			}
		}
		catch (URISyntaxException ex) {
			return CHARTER;
		}
		return candidate;
	}

	/**
	 * Whether a path has a {@code .} or {@code ..} segment (written as such or percent-encoded): a browser removes them,
	 * so that {@code /.//host} would be the path {@code //host}, which a platform that redirects to its paths would
	 * read as another site.
	 */
	private static boolean hasDotSegment(String path) {
		for (String segment : path.split("/", -1)) {
			String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
			if (decoded.equals(".") || decoded.equals("..")) {
				return true;
			}
		}
		return false;
	}

}
