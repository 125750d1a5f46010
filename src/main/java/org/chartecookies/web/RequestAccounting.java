package org.chartecookies.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the requests the application received and those it handled to the end, and says both once the web server has stopped
 * (this is the last thing to stop), so that an operator can check that a shutdown under load lost none in flight:
 * "Requests received: 2413422, answered: 2413422, interrupted: 0". A request still receiving its body when the first
 * pass returns (asynchronous) counts as answered when it completes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestAccounting extends OncePerRequestFilter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RequestAccounting.class);

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong answered = new AtomicLong();

	private volatile boolean running;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.received.incrementAndGet();
		chain.doFilter(request, response);
		if (request.isAsyncStarted()) {
			// Its body is still arriving (RequestBodyBuffering): answered once the asynchronous request completes.
			request.getAsyncContext().addListener(new AnsweredOnCompletion());
		}
		else {
			this.answered.incrementAndGet();
		}
	}

	/** Counts an asynchronous request answered when it completes, unless it failed (the client went away). */
	private final class AnsweredOnCompletion implements AsyncListener {

		private volatile boolean failed;

		@Override
		public void onComplete(AsyncEvent event) {
			if (!this.failed) {
				RequestAccounting.this.answered.incrementAndGet();
			}
		}

		@Override
		public void onError(AsyncEvent event) {
			this.failed = true;
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

	long received() {
		return this.received.get();
	}

	long answered() {
		return this.answered.get();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		long in = this.received.get();
		long out = this.answered.get();
		logger.info("Requests received: " + in + ", answered: " + out + ", interrupted: " + (in - out));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after everything else, the web server and its graceful shutdown included. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
