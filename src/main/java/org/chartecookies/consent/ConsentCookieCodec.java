package org.chartecookies.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value of the {@code cookies_preferences} cookie, version 1, in URL query syntax so that page scripts can read
 * it with {@code new URLSearchParams(value)}:
 *
 * <pre>v=1&amp;rev=3&amp;at=1764403200&amp;id=Qk3v0X9bT6mZ1cR2aY8uEw&amp;accepted=statistics&amp;refused=ads.video</pre>
 *
 * {@code rev} is the registry revision decided on, {@code at} the decision time in Unix seconds, {@code id} a 128-bit
 * consent id (base64url, 22 characters; made by {@link ConsentIds#newId}; the random ids made
 * before decode alike), {@code accepted} and {@code refused} the optional category ids, dot-separated.
 * Only RFC 6265 cookie-octets are used. Decoding is strict: a decision has one writing, the encoder's, and anything else
 * is no decision at all.
 */
public final class ConsentCookieCodec {

	public static final String COOKIE_NAME = "cookies_preferences";

	/** Far above any real value (about 100 bytes for a few categories), far below what browsers keep (4096). */
	static final int MAX_LENGTH = 1024;

	/**
	 * 128 bits in base64url as the encoder writes them: the last character carries two bits and four zero bits, so only
	 * {@code A}, {@code Q}, {@code g} or {@code w} can end it (another would be a second writing of the same id).
	 */
	private static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9_-]{21}[AQgw]");

	private static final Pattern CATEGORY_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

	/** A number as the encoder writes it: no sign, no leading zero. */
	private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,9}");

	private static final List<String> KEYS = List.of("v", "rev", "at", "id", "accepted", "refused");

	private ConsentCookieCodec() {
	}

	/** Whether the text is a consent id as the encoder writes one. */
	static boolean isConsentId(String text) {
		return CONSENT_ID.matcher(text).matches();
	}

	static boolean isCategoryId(String text) {
		return CATEGORY_ID.matcher(text).matches();
	}

	public static String encode(ConsentDecision decision) {
		List<String> accepted = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		decision.choices().forEach((category, yes) -> (yes ? accepted : refused).add(category));
		return "v=1&rev=" + decision.revision() + "&at=" + decision.decidedAt().getEpochSecond() + "&id="
				+ decision.consentId() + "&accepted=" + String.join(".", accepted) + "&refused="
				+ String.join(".", refused);
	}

	/** The decision a value holds, or empty when the value is not exactly a version-1 value. */
	public static Optional<ConsentDecision> decode(String value) {
		if (value.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		String[] fields = value.split("&", -1);
		if (fields.length != KEYS.size()) {
			return Optional.empty();
		}
		String[] values = new String[fields.length];
		for (int i = 0; i < fields.length; i++) {
			String prefix = KEYS.get(i) + "=";
			if (!fields[i].startsWith(prefix)) {
				return Optional.empty();
			}
			values[i] = fields[i].substring(prefix.length());
		}
		if (!values[0].equals("1") || !NUMBER.matcher(values[1]).matches() || !NUMBER.matcher(values[2]).matches()
				|| !CONSENT_ID.matcher(values[3]).matches()) {
			return Optional.empty();
		}
		long revision = Long.parseLong(values[1]);
		if (revision < 1 || revision > Integer.MAX_VALUE) {
			return Optional.empty();
		}
		Map<String, Boolean> choices = new LinkedHashMap<>();
		if (!addCategories(values[4], true, choices) || !addCategories(values[5], false, choices)) {
			return Optional.empty();
		}
		return Optional.of(new ConsentDecision((int) revision, Instant.ofEpochSecond(Long.parseLong(values[2])),
				values[3], choices));
	}

	private static boolean addCategories(String list, boolean accepted, Map<String, Boolean> choices) {
		if (list.isEmpty()) {
			return true;
		}
		for (String category : list.split("\\.", -1)) {
			if (!CATEGORY_ID.matcher(category).matches() || choices.putIfAbsent(category, accepted) != null) {
				return false;
			}
		}
		return true;
	}

}
