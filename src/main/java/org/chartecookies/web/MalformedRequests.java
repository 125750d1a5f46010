package org.chartecookies.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A query or form that Tomcat cannot parse ({@code ?=x}, a {@code %} escape that is not UTF-8) is the client's error:
 * {@code 400}, the usual error page, nothing in the log. Tomcat throws when a handler asks for its parameters.
 */
@ControllerAdvice
class MalformedRequests {

	@ExceptionHandler(InvalidParameterException.class)
	void malformed(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_BAD_REQUEST);
	}

}
