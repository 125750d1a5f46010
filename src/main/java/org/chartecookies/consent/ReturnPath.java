package org.chartecookies.consent;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * Where a visitor goes back to after a decision: a same-origin absolute path, or the charter when the candidate is
 * anything else (another site, a protocol-relative or backslash trick, control characters, non-ASCII, too long).
 */
public final class ReturnPath {

	public static final String CHARTER = "/cookies";

	static final int MAX_LENGTH = 2048;

	private ReturnPath() {
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
					|| !uri.getRawPath().startsWith("/")) {
				return CHARTER;
			}
		}
		catch (URISyntaxException ex) {
			return CHARTER;
		}
		return candidate;
	}

}
