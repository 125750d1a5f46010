package org.chartecookies.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.LocalizedText;

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
 * @param snapshotHash the SHA-256 of the snapshot of what the visitor was shown ({@link SnapshotHashes}); empty when
 * none could be made
 * @param snapshotNamed the form named that snapshot; false when it came without one (a script's own post, an unknown
 * or malformed value) and {@code snapshotHash} is the one current for the site and language
 */
public record ConsentDecided(String site, ConsentDecision decision, String kind, boolean globalPrivacyControl, String language,
		String pagePath, String snapshotHash, boolean snapshotNamed) {

	/** A decision with no snapshot. */
	public ConsentDecided(String site, ConsentDecision decision, String kind, boolean globalPrivacyControl,
			String language, String pagePath) {
		this(site, decision, kind, globalPrivacyControl, language, pagePath, "", false);
	}

	/** How a decision can be made, in the order the back office offers them. */
	public static final List<String> KINDS = List.of("accept-all", "reject-all", "custom", "acknowledge");

	/**
	 * What is wrong with a decision as a record states it, by the rules the consent endpoint makes decisions with, or
	 * null when it could have been made there: for decisions read back from a file, which anyone with access to the
	 * file could have written. The registry is the site's as it is now: a decision on its revision must fit it (its
	 * optional categories, each chosen); one on an earlier revision is judged by what any revision allows.
	 *
	 * @param registry the site's registry, null when no site of that id is served
	 */
	public static @Nullable String problem(String consentId, Instant decidedAt, int revision, String kind,
			Map<String, Boolean> choices, String language, String pagePath, @Nullable CookieRegistry registry) {
		if (registry == null) {
			return "a site this application does not serve";
		}
		Instant made = ConsentCookieCodec.isConsentId(consentId) ? ConsentIds.timeOf(consentId) : null;
		if (made == null || made.getEpochSecond() != decidedAt.getEpochSecond()) {
			return "not a consent id made at its decision's time";
		}
		if (revision < 1 || revision > registry.revision()) {
			return "a revision the site never had";
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
		if (revision == registry.revision() && !choices.keySet()
			.equals(registry.optionalCategories().stream().map(CookieCategory::id).collect(Collectors.toSet()))) {
			return "choices that are not the optional categories of revision " + revision;
		}
		if (!LocalizedText.LANGUAGES.contains(language)) {
			return "not a language of the charter";
		}
		if (!ReturnPath.isPagePath(pagePath)) {
			return "not a page path";
		}
		return null;
	}

}
