package org.chartecookies.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Works out each request's site first ({@link RequestSites#of}), so that everything after it (the page cache's answer before
 * Spring MVC among them) sees one site for the whole request, even while the registry folder is being reloaded. A
 * host no site answers for gets a short 404 of its own, never another site's page; the container's health probes
 * ({@code /actuator/}), which come by address rather than by host name, pass.
 */
class UnknownHostFilter extends OncePerRequestFilter {

	static final String ANSWER = "Aucun site n'est servi à cette adresse. / No site is served at this address.\n";

	private final RequestSites sites;

	UnknownHostFilter(RequestSites sites) {
		this.sites = sites;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!request.getRequestURI().startsWith(request.getContextPath() + "/actuator/")) {
			try {
				this.sites.of(request);
			}
			catch (UnknownSiteException ex) {
				byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
				response.setStatus(HttpServletResponse.SC_NOT_FOUND);
				response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
				response.setContentType("text/plain;charset=UTF-8");
				response.setContentLength(body.length);
				if (!"HEAD".equals(request.getMethod())) {
					response.getOutputStream().write(body);
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
