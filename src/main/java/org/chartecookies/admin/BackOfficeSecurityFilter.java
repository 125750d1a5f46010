package org.chartecookies.admin;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Spring Security's filter chain for the back office's addresses. A request whose body did not come with its headers
 * is received first by the application's body buffering, which then dispatches it again ({@link DispatcherType#ASYNC})
 * before any filter after it has run: for Spring Security that dispatch is the request's only pass, so it is shown as
 * the request it is. Otherwise Spring Security's once-per-request filters, the CSRF check among them, would skip it
 * as an asynchronous dispatch of a request they had already seen. (The back office starts no asynchronous work of its
 * own.)
 */
final class BackOfficeSecurityFilter implements Filter {

	private final Supplier<Filter> security;

	private volatile @Nullable Filter resolved;

	BackOfficeSecurityFilter(Supplier<Filter> security) {
		this.security = security;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		ServletRequest passed = request;
		if (request instanceof HttpServletRequest http && http.getDispatcherType() == DispatcherType.ASYNC) {
			passed = new HttpServletRequestWrapper(http) {

				@Override
				public DispatcherType getDispatcherType() {
					return DispatcherType.REQUEST;
				}

			};
		}
		security().doFilter(passed, response, chain);
	}

	/** Spring Security's chain, looked up at the first request (it is made after the servlet filters are). */
	private Filter security() {
		Filter known = this.resolved;
		if (known == null) {
			known = this.security.get();
			this.resolved = known;
		}
		return known;
	}

}
