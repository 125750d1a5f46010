package org.chartecookies;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A page of the kind an operator writes, gating code by cookie category on the server and in the browser; tests only.
 */
@org.chartecookies.web.PageController
class GatingExamplePage {

	@GetMapping("/test/gating")
	String gating() {
		return "test-gating";
	}

}
