package org.chartecookies.admin;

import java.util.function.IntPredicate;

/**
 * How the back office names an account and a client in its log, cut to 64 characters so that no one fills the log,
 * with any character that could forge a log line shown as {@code ?}: the name typed, quoted (never a password); the
 * client's address as is, which a trusted proxy forwards as the client claims it ({@code X-Forwarded-For}).
 */
final class LoginLog {

	private static final int MOST_CHARACTERS = 64;

	private LoginLog() {
	}

	static String name(String typed) {
		return '"' + shown(typed, (c) -> !Character.isISOControl(c) && c != '"'
				&& Character.getType(c) != Character.LINE_SEPARATOR
				&& Character.getType(c) != Character.PARAGRAPH_SEPARATOR) + '"';
	}

	/** An address has letters, digits, dots and colons (IPv6), a zone ({@code %eth0}) at most: nothing else shows. */
	static String address(String forwarded) {
		return shown(forwarded, (c) -> (c < 128 && Character.isLetterOrDigit(c)) || c == '.' || c == ':' || c == '%'
				|| c == '[' || c == ']' || c == '-' || c == '_');
	}

	private static String shown(String text, IntPredicate allowed) {
		StringBuilder shown = new StringBuilder(Math.min(text.length(), MOST_CHARACTERS) + 1);
		text.codePoints().limit(MOST_CHARACTERS).forEach((c) -> shown.appendCodePoint(allowed.test(c) ? c : '?'));
		if (text.codePointCount(0, text.length()) > MOST_CHARACTERS) {
			shown.append('…');
		}
		return shown.toString();
	}

}
