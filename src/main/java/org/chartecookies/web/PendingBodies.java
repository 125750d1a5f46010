package org.chartecookies.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the memory that clients sending their bodies slowly can hold. A request whose body is still arriving holds
 * its connection's buffers (about 100 KB with Tomcat's) and a parked virtual thread for as long as the client likes:
 * without a bound, a thousand such clients exhaust a small heap. Here a request that declares a body has it received
 * first (a form's fields parsed, any other body read and dropped, 16 KB at most) while it holds one of a fixed number
 * of places; with none free, it is refused at once ({@code 503}, the connection closed) and everything else is still
 * answered. Before anything that reads the request's parameters, after the character encoding is set.
 */
final class PendingBodies extends OncePerRequestFilter {

	private static final int MOST_DROPPED = 16 * 1024;

	private final Semaphore places;

	PendingBodies(int places) {
		this.places = new Semaphore(places);
	}

	/** A quarter of the heap at about 128 KB a request, and never fewer than 16. */
	static int placesFor(long maxMemory) {
		return (int) Math.max(16, Math.min(Integer.MAX_VALUE, maxMemory / 4 / (128 * 1024)));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.places.tryAcquire()) {
			response.setHeader("Connection", "close");
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return;
		}
		try {
			receive(request);
		}
		catch (InvalidParameterException ex) {
			// A form Tomcat refuses (too large: 413; malformed: 400) is said here: Tomcat would not say it again to
			// the handler.
			response.setHeader("Connection", "close");
			MalformedRequests.refuse(ex, response);
			return;
		}
		finally {
			this.places.release();
		}
		chain.doFilter(request, response);
	}

	private static void receive(HttpServletRequest request) throws IOException {
		String type = request.getContentType();
		if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
			// Tomcat reads the body of a form it parses (a POST's) itself.
			request.getParameterMap();
		}
		// Whatever is left (any other body, a form Tomcat does not parse) is read and dropped.
		InputStream body = request.getInputStream();
		byte[] dropped = new byte[4096];
		int total = 0;
		int read;
		while (total <= MOST_DROPPED && (read = body.read(dropped)) != -1) {
			total += read;
		}
	}

}
