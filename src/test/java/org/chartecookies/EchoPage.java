package org.chartecookies;

import org.chartecookies.web.PageController;

import org.springframework.web.bind.annotation.GetMapping;

/**
 * A page whose template tries to print what the request carries; tests only: a cached page must show none of it.
 */
@PageController
class EchoPage {

	@GetMapping("/test/echo")
	String echo() {
		return "test-echo";
	}

}
