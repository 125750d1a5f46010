package org.chartecookies.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a page already rendered for the same address, language and page key without dispatching it to Spring MVC
 * (see {@link RenderedPages#answer}); everything else passes on. Registered after the filters that act on every
 * request (security headers, request metrics, client preferences), so a cached answer goes through them too.
 */
class CachedPageFilter extends OncePerRequestFilter {

	private final RenderedPages pages;

	CachedPageFilter(RenderedPages pages) {
		this.pages = pages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.pages.answer(request, response)) {
			chain.doFilter(request, response);
		}
	}

}
