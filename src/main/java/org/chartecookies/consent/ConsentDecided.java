package org.chartecookies.consent;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A decision was just made, published where it is made (the consent endpoint) for whoever keeps a record of it. It
 * says nothing that identifies the visitor: no address, no user agent.
 *
 * @param site the id of the site it was made on (its registry file's name)
 * @param decision what was decided, when (server time), on which registry revision, under which consent id
 * @param kind how it was made: {@code accept-all}, {@code reject-all}, {@code custom} or {@code acknowledge}
 * @param globalPrivacyControl the request carried {@code Sec-GPC: 1}
 * @param language the language the visitor saw ({@code fr}, {@code en})
 * @param pagePath the path of the page it was made on, without query string or fragment
 */
public record ConsentDecided(String site, ConsentDecision decision, String kind, boolean globalPrivacyControl, String language,
		String pagePath) {

	/** How a decision can be made. */
	static final Set<String> KINDS = Set.of("accept-all", "reject-all", "custom", "acknowledge");

	/**
	 * What is wrong with a decision as a record states it, by the rules the consent endpoint makes decisions with, or
	 * null when it could have been made there: for decisions read back from a file, which anyone with access to the
	 * file could have written.
	 */
	public static @Nullable String problem(String consentId, int revision, String kind, Map<String, Boolean> choices,
			String language, String pagePath) {
		if (!ConsentCookieCodec.isConsentId(consentId)) {
			return "not a consent id";
		}
		if (revision < 0) {
			return "a negative revision";
		}
		if (!KINDS.contains(kind)) {
			return "not a kind of decision";
		}
		for (Map.Entry<String, Boolean> choice : choices.entrySet()) {
			if (!ConsentCookieCodec.isCategoryId(choice.getKey())) {
				return "not a category id";
			}
			boolean expected = kind.equals("accept-all");
			if (!kind.equals("custom") && choice.getValue() != expected) {
				return "choices that are not those of " + kind;
			}
		}
		if (kind.equals("acknowledge") && !choices.isEmpty()) {
			return "choices that are not those of " + kind;
		}
		if (!language.matches("[a-z]{2,3}")) {
			return "not a language";
		}
		if (!ReturnPath.isPagePath(pagePath)) {
			return "not a page path";
		}
		return null;
	}

}
