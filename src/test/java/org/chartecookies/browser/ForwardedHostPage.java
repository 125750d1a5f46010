package org.chartecookies.browser;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tests only: the host and port the application believes a request came to, after Tomcat has applied the proxy's
 * {@code X-Forwarded-*} headers. Under /cookies/ so that the README's nginx file passes it to the application.
 */
@RestController
class ForwardedHostPage {

	@GetMapping(path = "/cookies/test/forwarded-host", produces = "text/plain")
	String host(HttpServletRequest request) {
		return request.getServerName() + ":" + request.getServerPort();
	}

}
