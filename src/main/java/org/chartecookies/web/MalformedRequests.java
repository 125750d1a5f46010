package org.chartecookies.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A query or form that Tomcat cannot parse ({@code ?=x}, a {@code %} escape that is not UTF-8) is the client's error:
 * {@code 400}; a form body larger than {@code server.tomcat.max-http-form-post-size}, declared or sent chunked,
 * {@code 413} (Tomcat reads no more of it and closes the connection after the answer). The usual error page, nothing
 * in the log. Tomcat throws once, when the parameters are first asked for: by a handler, or for a request with a body
 * by {@link PendingBodies}, which answers the same way.
 */
@ControllerAdvice
class MalformedRequests {

	@ExceptionHandler(InvalidParameterException.class)
	void malformed(InvalidParameterException ex, HttpServletResponse response) throws IOException {
		refuse(ex, response);
	}

	static void refuse(InvalidParameterException ex, HttpServletResponse response) throws IOException {
		if (response.isCommitted()) {
			// The client went away in the middle of its body: no one to answer, nothing to log.
			return;
		}
		response.sendError((ex.getErrorCode() > 0) ? ex.getErrorCode() : HttpServletResponse.SC_BAD_REQUEST);
	}

}
