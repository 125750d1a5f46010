package org.chartecookies.web;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Where a page is rendered: its text, always in UTF-8 whatever content type or encoding the view asks for, kept in
 * memory. Headers and cookies set while rendering are dropped: an answer's headers are set once, around the
 * rendering, whether it is served fresh or from the cache. Link URLs go through the asset URL translation given.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16384);

	private final UnaryOperator<String> urls;

	private final ServletOutputStream stream = new ServletOutputStream() {

		@Override
		public void write(int b) {
			BufferedResponse.this.buffer.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			BufferedResponse.this.buffer.write(bytes, offset, length);
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			throw new UnsupportedOperationException("A page is rendered in memory");
		}

	};

	/** Text is kept as characters and encoded once, at the end: faster than encoding each character as it comes. */
	private final StringWriter text = new StringWriter(16384);

	private final PrintWriter writer = new PrintWriter(this.text);

	BufferedResponse(HttpServletResponse response, UnaryOperator<String> urls) {
		super(response);
		this.urls = urls;
	}

	/** What was rendered, in UTF-8: the text written, or else the bytes. */
	byte[] toByteArray() {
		this.writer.flush();
		StringBuffer written = this.text.getBuffer();
		return (written.length() > 0) ? written.toString().getBytes(StandardCharsets.UTF_8) : this.buffer.toByteArray();
	}

	@Override
	public ServletOutputStream getOutputStream() {
		return this.stream;
	}

	@Override
	public PrintWriter getWriter() {
		return this.writer;
	}

	@Override
	public String getCharacterEncoding() {
		return StandardCharsets.UTF_8.name();
	}

	@Override
	public void setCharacterEncoding(String charset) {
	}

	@Override
	public void setContentType(String type) {
	}

	@Override
	public void setContentLength(int length) {
	}

	@Override
	public void setContentLengthLong(long length) {
	}

	@Override
	public void setLocale(Locale locale) {
	}

	@Override
	public void setHeader(String name, String value) {
	}

	@Override
	public void addHeader(String name, String value) {
	}

	@Override
	public void setIntHeader(String name, int value) {
	}

	@Override
	public void addIntHeader(String name, int value) {
	}

	@Override
	public void setDateHeader(String name, long date) {
	}

	@Override
	public void addDateHeader(String name, long date) {
	}

	@Override
	public void addCookie(Cookie cookie) {
	}

	@Override
	public void flushBuffer() {
		this.writer.flush();
	}

	@Override
	public boolean isCommitted() {
		return false;
	}

	@Override
	public void resetBuffer() {
		this.writer.flush();
		this.text.getBuffer().setLength(0);
		this.buffer.reset();
	}

	@Override
	public void reset() {
		resetBuffer();
	}

	@Override
	public String encodeURL(String url) {
		return this.urls.apply(url);
	}

	@Override
	public String encodeRedirectURL(String url) {
		return url;
	}

}
