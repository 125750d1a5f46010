package org.chartecookies.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * From the moment shutdown starts, every answer says {@code Connection: close}: clients stop reusing their
 * connections, so that none is left with a request the stopping server will not read. Spring publishes the closed
 * event before the web server's graceful shutdown, which then waits for the requests in flight.
 */
@Component
@Order(FilterOrder.CONNECTION_DRAINING)
class ConnectionDraining extends OncePerRequestFilter implements ApplicationListener<ContextClosedEvent> {

	private volatile boolean draining;

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.draining = true;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.draining) {
			response.setHeader("Connection", "close");
		}
		chain.doFilter(request, response);
	}

}
