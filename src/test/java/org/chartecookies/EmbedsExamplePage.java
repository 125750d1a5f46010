package org.chartecookies;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * A page of the kind an operator writes, with two videos of a third party held back until their category is accepted,
 * and Google Consent Mode; tests only. The player's address is the test's provider, on another origin.
 */
@org.chartecookies.web.PageController
public class EmbedsExamplePage {

	/** The provider's origin, set by the test before the application starts (the same for every visitor). */
	public static volatile String provider = "http://127.0.0.1:1";

	@ModelAttribute("provider")
	String provider() {
		return provider;
	}

	@GetMapping("/test/embeds")
	String embeds() {
		return "test-embeds";
	}

}
