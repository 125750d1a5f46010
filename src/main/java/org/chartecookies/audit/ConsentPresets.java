package org.chartecookies.audit;

import java.net.URI;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.chartecookies.consent.ConsentCookieCodec;
import org.chartecookies.consent.ConsentDecision;
import org.chartecookies.consent.ConsentIds;
import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.HostedSite;
import org.jspecify.annotations.Nullable;

/**
 * The consent cookie a visitor who refused, or accepted, everything holds for a site: the application's own value
 * (the codec's, for the registry's current revision) with the attributes the consent endpoint sets it with, so that
 * a state is set exactly instead of by hunting for the banner's buttons.
 *
 * @param deploymentDomain {@code charte.consent.domain}: the cookie's domain when the site's registry names none
 * @param lifetime {@code charte.consent.lifetime}
 */
record ConsentPresets(@Nullable String deploymentDomain, Period lifetime) {

	/** The {@code Storage.setCookies} parameters of the cookie for that state, or null for no decision. */
	@Nullable Map<String, Object> cookie(URI page, HostedSite site, VisitState state, Instant now) {
		if (state == VisitState.NONE) {
			return null;
		}
		Map<String, Boolean> choices = new LinkedHashMap<>();
		for (CookieCategory category : site.registry().optionalCategories()) {
			choices.put(category.id(), state == VisitState.ACCEPTED);
		}
		ConsentDecision decision = new ConsentDecision(site.registry().revision(), now, ConsentIds.newId(now), choices);
		boolean https = "https".equalsIgnoreCase(page.getScheme());
		Map<String, Object> cookie = new LinkedHashMap<>();
		cookie.put("name", ConsentCookieCodec.COOKIE_NAME);
		cookie.put("value", ConsentCookieCodec.encode(decision));
		String domain = (site.cookieDomain() != null) ? site.cookieDomain() : this.deploymentDomain;
		if (domain != null) {
			cookie.put("domain", domain);
		}
		else {
			// Host-only, as the endpoint sets it without a domain: the page's own scheme, host and port.
			cookie.put("url", page.getScheme() + "://" + page.getRawAuthority() + "/");
		}
		cookie.put("path", "/");
		cookie.put("secure", https);
		cookie.put("sameSite", "Lax");
		cookie.put("expires", now.atOffset(ZoneOffset.UTC).plus(this.lifetime).toEpochSecond());
		return cookie;
	}

}
