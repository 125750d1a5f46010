package org.chartecookies.consent;

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
}
