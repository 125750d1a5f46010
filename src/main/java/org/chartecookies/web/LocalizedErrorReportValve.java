package org.chartecookies.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The page for errors Tomcat answers itself, before the application sees the request (a header too large, a
 * malformed request line, a bad Host): the same localized words as the application's error page, no server name or
 * version, no stack trace, and the same strict headers.
 */
class LocalizedErrorReportValve extends ErrorReportValve {

	private final MessageSource messages;

	LocalizedErrorReportValve(MessageSource messages) {
		this.messages = messages;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		// Tomcat answers 501 to methods it does not implement (CONNECT); for a client that is a method not allowed.
		if (response.getStatus() == 501 && response.getContentWritten() == 0) {
			response.setStatus(405);
			response.setHeader("Allow", "GET, HEAD, POST, OPTIONS");
		}
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean writable = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return;
		}
		Locale preferred = AcceptLanguage.preferred(request.getHeader("Accept-Language"));
		Locale locale = (preferred != null) ? preferred : LanguageResolver.DEFAULT;
		String page = page(this.messages, status, locale);
		try {
			response.setContentType("text/html");
			response.setCharacterEncoding("UTF-8");
			response.setHeader("Content-Language", locale.getLanguage());
			response.setHeader("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'self'");
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
			response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
			response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
			// Its language follows Accept-Language: like the application's error answers, it is never stored.
			response.setHeader("Cache-Control", "no-store");
			response.setHeader("Vary", "Accept-Language");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(page);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the answer already started: nothing more can be said.
		}
	}

	/**
	 * The short page for a request refused before the application handled it: the error page's words, without the
	 * layout.
	 */
	private static String page(MessageSource messages, int status, Locale locale) {
		String title = text(messages, LocalizedErrorAttributes.titleKey(status), null, locale);
		return "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
				+ "</title></head><body><main><h1>" + title + "</h1><p>"
				+ text(messages, "error.code", new Object[] { status }, locale) + "</p><p>"
				+ text(messages, "error.text", null, locale) + "</p><p><a href=\"/cookies\">"
				+ text(messages, "error.back", null, locale) + "</a></p></main></body></html>";
	}

	private static String text(MessageSource messages, String key, Object @Nullable [] arguments, Locale locale) {
		return HtmlUtils.htmlEscape(messages.getMessage(key, arguments, locale));
	}

}
