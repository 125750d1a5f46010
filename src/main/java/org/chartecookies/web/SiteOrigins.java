package org.chartecookies.web;

import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The origins a request's site trusts besides the deployment's ({@code charte.security.trusted-origins}): implemented
 * where sites are known, asked by {@link CrossOriginProtection}.
 */
public interface SiteOrigins {

	/** Origins ({@code https://shop.example.org}, lower-case) allowed to post to this request's site. */
	Collection<String> of(HttpServletRequest request);

}
