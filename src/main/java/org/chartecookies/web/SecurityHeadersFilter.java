package org.chartecookies.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every answer. The pages have no inline script or style, so the policy allows our own origin
 * only, without nonces, and pages stay cacheable. Forms post to the page's own origin only ({@code form-action
 * 'self'}): with several sites, {@code 'self'} is each site's own host, so that no site's page may post to another's.
 * Trusted origins may post to us; our pages never post to them, so they are not in it. Tomcat's own answers carry the
 * same headers ({@link LocalizedErrorReportValve}).
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	private final String contentSecurityPolicy;

	private final SecurityProperties.Hsts hsts;

	SecurityHeadersFilter(SecurityProperties properties) {
		this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
				+ "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors " + properties.frameAncestors() + "; base-uri 'none'; object-src 'none'";
		this.hsts = properties.hsts();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getProtocol().isEmpty()) {
			// HTTP/0.9 (Tomcat leaves its protocol empty): its answer is the body alone, with no status line and no
			// header, so none of the policy below would reach the client. It gets nothing.
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		response.setHeader("Content-Security-Policy", this.contentSecurityPolicy);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
		response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
		response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		if (this.hsts.enabled() && request.isSecure()) {
			response.setHeader("Strict-Transport-Security", this.hsts.header());
		}
		chain.doFilter(request, response);
	}

	/**
	 * An error page Tomcat shows itself, once the request's headers are read (a TRACE, too many cookies), is the
	 * application's, reached without passing this filter first: its headers are written there too.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
