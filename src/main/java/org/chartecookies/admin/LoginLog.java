package org.chartecookies.admin;

/**
 * How the back office names an account in its log: what was typed as the name, quoted, cut to 64 characters, with any
 * control character shown as {@code ?} so that a made-up name cannot forge log lines. Never a password.
 */
final class LoginLog {

	private static final int MOST_CHARACTERS = 64;

	private LoginLog() {
	}

	static String name(String typed) {
		StringBuilder shown = new StringBuilder(Math.min(typed.length(), MOST_CHARACTERS) + 3).append('"');
		typed.codePoints().limit(MOST_CHARACTERS).forEach((c) -> {
			if (Character.isISOControl(c) || c == '"' || Character.getType(c) == Character.LINE_SEPARATOR
					|| Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
				shown.append('?');
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		if (typed.codePointCount(0, typed.length()) > MOST_CHARACTERS) {
			shown.append('…');
		}
		return shown.append('"').toString();
	}

}
