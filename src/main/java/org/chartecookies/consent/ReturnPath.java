package org.chartecookies.consent;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a visitor goes back to after a decision: a same-origin absolute path, written as a browser sends it
 * (percent-encoded), or the charter when the candidate is anything else (another site, a protocol-relative or
 * backslash trick, written as it is or percent-encoded, a dot segment, control characters, too long).
 */
public final class ReturnPath {

	public static final String CHARTER = "/cookies";

	static final int MAX_LENGTH = 2048;

	/**
	 * What an address holds as it is: the letters, digits and marks RFC 3986 leaves unencoded, its delimiters but for
	 * {@code #} (the first starts the fragment, any later one is encoded), {@code [} and {@code ]} (for hosts only),
	 * and {@code %} (kept when it starts an escape).
	 */
	private static final String KEPT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?";

	private static final String HEX = "0123456789ABCDEF";

	/** Hexadecimal digits, in ASCII only (not {@link Character#digit}'s, which reads other scripts' digits too). */
	private static final String DIGITS = HEX + "abcdef";

	/** What the switch adds to a page at most: {@code &cookies=manage}. */
	private static final int SWITCH_ROOM = 16;

	/** Where a path ends (its query or fragment starts), and its segments' separators: compiled once, not per request. */
	private static final Pattern PATH_END = Pattern.compile("[?#]");

	private static final Pattern SEPARATOR = Pattern.compile("[/\\\\]");

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
		String page = written(split.page());
		return (page != null) ? new Split(page, split.mode()) : new Split(CHARTER, null);
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
		String address = written(candidate);
		return (address != null) ? address : CHARTER;
	}

	/**
	 * The candidate as a browser sends it (percent-encoded: UTF-8, and what an address cannot hold as it is), or null
	 * when it is no same-origin path, or longer than {@value #MAX_LENGTH} characters so written. What is already
	 * percent-encoded is kept as it is, so that a page's own address comes back exactly; a {@code %} that starts no
	 * escape is written {@code %25}.
	 */
	private static @Nullable String written(@Nullable String candidate) {
		if (candidate == null || !candidate.startsWith("/")) {
			return null;
		}
		StringBuilder address = new StringBuilder();
		boolean fragment = false;
		for (int i = 0; i < candidate.length(); i = candidate.offsetByCodePoints(i, 1)) {
			int c = candidate.codePointAt(i);
			// Controls (CR/LF, tabs, which a browser drops), a backslash (a slash to browsers), a lone surrogate.
			if (c < 0x20 || c == 0x7f || c == '\\' || Character.getType(c) == Character.SURROGATE) {
				return null;
			}
			if (c == '#' && !fragment) {
				fragment = true;
				address.append('#');
			}
			else if (c == '%') {
				address.append(escapeAt(candidate, i) ? "%" : "%25");
			}
			else if (KEPT.indexOf(c) >= 0) {
				address.append((char) c);
			}
			else {
				for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
					address.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
				}
			}
			if (address.length() > MAX_LENGTH) {
				return null;
			}
		}
		String text = address.toString();
		return leavesTheSite(PATH_END.split(text, 2)[0]) ? null : text;
	}

	/** Whether a {@code %} at this index starts an escape: two hexadecimal digits follow. */
	private static boolean escapeAt(String text, int index) {
		return index + 2 < text.length() && DIGITS.indexOf(text.charAt(index + 1)) >= 0
				&& DIGITS.indexOf(text.charAt(index + 2)) >= 0;
	}

	/**
	 * Whether a path, percent-encoded, would leave the site once decoded (by a platform that redirects to its paths,
	 * say): {@code //host} or {@code /\host}, a {@code .} or {@code ..} segment (a browser removes them, so that
	 * {@code /.//host} would be {@code //host}), a control character (a browser drops a tab or a line break from an
	 * address, so that {@code /<tab>/host} would be {@code //host}).
	 */
	private static boolean leavesTheSite(String path) {
		StringBuilder decoded = new StringBuilder();
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '%') {
				c = (char) Integer.parseInt(path, i + 1, i + 3, 16);
				i += 2;
			}
			if (c < 0x20 || c == 0x7f) {
				return true;
			}
			decoded.append(c);
		}
		String text = decoded.toString();
		if (text.startsWith("//") || text.startsWith("/\\")) {
			return true;
		}
		for (String segment : SEPARATOR.split(text, -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return true;
			}
		}
		return false;
	}

}
