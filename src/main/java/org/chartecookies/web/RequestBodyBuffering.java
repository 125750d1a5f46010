package org.chartecookies.web;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.WebUtils;

/**
 * Receives every request body before the application sees the request, without a worker thread waiting on the
 * client: a client that sends its body slowly (one byte every few seconds) would otherwise hold a worker for as long
 * as it likes, since the connection timeout applies to each read, and a few dozen such clients would hold them all.
 * <p>
 * A request that declares a body (a {@code Content-Length} above 0, or {@code Transfer-Encoding}), whatever its
 * method, is handled with a {@link BufferedBodyRequest} that replays the body and knows its form fields. When the whole
 * body came with the headers (a form of a few hundred bytes from any ordinary client), that is at once. Otherwise the
 * request is put in asynchronous mode and the rest of its body read with Servlet non-blocking I/O, the worker going
 * back to the pool; once the body is complete the request is dispatched again ({@link DispatcherType#ASYNC}) and
 * handled as usual. A body not
 * complete within the deadline gets {@code 408}; one larger than the limit, declared or sent, gets {@code 413}; a
 * broken body, or a form the container would refuse, gets {@code 400}; each with a short localized page, and the
 * connection is closed (the rest of the body is never read).
 * <p>
 * Order: after the filters that only act on the way in and skip asynchronous dispatches (security headers, character
 * encoding, connection draining, request accounting, observation), which have done their work on the first pass;
 * before those that must see the body or the complete request (Spring's request context and form content filters),
 * which then run on the asynchronous dispatch. Nothing before this filter may read a parameter: the container would
 * read the body to find them, blocking.
 */
final class RequestBodyBuffering implements Filter {

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final Log logger = LogFactory.getLog(RequestBodyBuffering.class);

	private final long deadlineMillis;

	private final int maxSize;

	private final MessageSource messages;

	private final LocaleResolver locales;

	private final AtomicBoolean warnedSynchronous = new AtomicBoolean();

	RequestBodyBuffering(RequestBodyProperties properties, MessageSource messages, LocaleResolver locales) {
		this.deadlineMillis = properties.deadline().toMillis();
		this.maxSize = (int) properties.maxSize().toBytes();
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		if (!(servletRequest instanceof HttpServletRequest request)
				|| !(servletResponse instanceof HttpServletResponse response)) {
			chain.doFilter(servletRequest, servletResponse);
			return;
		}
		if (request.getDispatcherType() == DispatcherType.ASYNC) {
			BufferedBodyRequest received = WebUtils.getNativeRequest(request, BufferedBodyRequest.class);
			if (received != null && received.refusal() != 0) {
				refuse(request, response, received.refusal());
			}
			else {
				chain.doFilter(request, response);
			}
			return;
		}
		if (request.getDispatcherType() != DispatcherType.REQUEST || !declaresBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (!request.isAsyncSupported()) {
			if (this.warnedSynchronous.compareAndSet(false, true)) {
				logger.warn("A filter or servlet before " + RequestBodyBuffering.class.getSimpleName()
						+ " does not support asynchronous requests: request bodies are read while a worker waits");
			}
			chain.doFilter(request, response);
			return;
		}
		long declared = request.getContentLengthLong();
		if (declared > this.maxSize) {
			// Answered, then completed asynchronously: after a synchronous answer Tomcat would read ("swallow") the
			// rest of the body before closing the connection, waiting on the client; after an asynchronous one, it
			// closes the connection at once.
			AsyncContext async = request.startAsync();
			refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			async.complete();
			return;
		}
		// From here on the container never reads the body itself (not even for the parameters of an error page).
		ServletInputStream body = request.getInputStream();
		BufferedBodyRequest buffered = new BufferedBodyRequest(request);
		byte[] received = new byte[(declared > 0) ? (int) declared : Math.min(1024, this.maxSize + 1)];
		int length = 0;
		if (declared > 0) {
			// What came with the headers is in the container's buffer already: reading that cannot wait on the
			// client. (Not for chunked bodies: reading half a chunk header would wait for the other half.)
			while (length < declared && body.available() > 0) {
				int read = body.read(received, length, received.length - length);
				if (read < 0) {
					break;
				}
				length += read;
			}
			if (length == declared) {
				// The whole body came at once, as from any client not trying to be slow: handled right away.
				if (buffered.receive(received)) {
					chain.doFilter(buffered, response);
				}
				else {
					refuse(request, response, HttpServletResponse.SC_BAD_REQUEST);
				}
				return;
			}
		}
		AsyncContext async = request.startAsync(buffered, response);
		async.setTimeout(this.deadlineMillis);
		BodyReader reader = new BodyReader(async, buffered, body, received, length);
		async.addListener(reader);
		body.setReadListener(reader);
	}

	private static boolean declaresBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
	}

	/**
	 * The short localized page Tomcat's own refusals get ({@link LocalizedErrorReportValve}), not the application's
	 * error page: refusing a slow client must cost next to nothing, even when hundreds reach their deadline at once.
	 * The client is told the connection ends with the answer; the rest of its body is never read.
	 */
	private void refuse(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
		Locale locale = this.locales.resolveLocale(request);
		byte[] page = LocalizedErrorReportValve.page(this.messages, status, locale).getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setHeader("Connection", "close");
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Content-Language", locale.getLanguage());
		response.setContentLength(page.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(page);
		}
	}

	/**
	 * Reads a body as it arrives, on whichever container thread has data for it, then dispatches the request once:
	 * complete, too large, or out of time.
	 */
	private final class BodyReader implements ReadListener, AsyncListener {

		private final AsyncContext async;

		private final BufferedBodyRequest request;

		private final ServletInputStream in;

		private final AtomicBoolean done = new AtomicBoolean();

		private volatile int failure;

		private byte[] buffer;

		private int length;

		BodyReader(AsyncContext async, BufferedBodyRequest request, ServletInputStream in, byte[] buffer, int length) {
			this.async = async;
			this.request = request;
			this.in = in;
			this.buffer = buffer;
			this.length = length;
		}

		@Override
		public void onDataAvailable() {
			int limit = RequestBodyBuffering.this.maxSize;
			try {
				while (!this.done.get() && !this.in.isFinished() && this.in.isReady()) {
					if (this.length == this.buffer.length) {
						this.buffer = Arrays.copyOf(this.buffer, Math.min(this.buffer.length * 2, limit + 1));
					}
					int read = this.in.read(this.buffer, this.length, this.buffer.length - this.length);
					if (read < 0) {
						return;
					}
					this.length += read;
					if (this.length > limit) {
						finish(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
						return;
					}
				}
			}
			catch (IOException ex) {
				// A broken body (bad chunked encoding, the client closing before its end): a bad request, as Tomcat
				// says when it reads one itself; if the client is gone, no one hears it.
				finish(HttpServletResponse.SC_BAD_REQUEST);
			}
		}

		@Override
		public void onAllDataRead() {
			finish(0);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			finish(HttpServletResponse.SC_REQUEST_TIMEOUT);
		}

		/**
		 * The connection failed: the client was silent for longer than the connection timeout, or it broke. The
		 * container closes the connection and then tells {@link #onError(AsyncEvent)}.
		 */
		@Override
		public void onError(Throwable failure) {
			this.failure = (failure instanceof SocketTimeoutException) ? HttpServletResponse.SC_REQUEST_TIMEOUT
					: HttpServletResponse.SC_BAD_REQUEST;
		}

		/**
		 * Dispatching from here replaces the container's default error handling (a 500 page); the refusal is only
		 * written if the connection can still carry it, and the client, if any, mostly sees the connection close.
		 */
		@Override
		public void onError(AsyncEvent event) {
			finish((this.failure != 0) ? this.failure : HttpServletResponse.SC_BAD_REQUEST);
		}

		@Override
		public void onComplete(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

		private void finish(int status) {
			if (!this.done.compareAndSet(false, true)) {
				return;
			}
			byte[] body = (this.length == this.buffer.length) ? this.buffer : Arrays.copyOf(this.buffer, this.length);
			this.buffer = new byte[0];
			if (status == 0 && !this.request.receive(body)) {
				status = HttpServletResponse.SC_BAD_REQUEST;
			}
			this.request.refuse(status);
			try {
				this.async.dispatch();
			}
			catch (IllegalStateException ex) {
				// The request ended meanwhile (the client went away): there is no one to answer.
			}
		}

	}

}
