package org.chartecookies.charter;

import java.util.Locale;

import org.chartecookies.registry.HostedSite;
import org.chartecookies.web.PageController;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The cookie charter: the seed's explanations from the message bundles, the cookie tables from the registry.
 */
@PageController
class CharterController {

	private final CharterPages pages;

	CharterController(CharterPages pages) {
		this.pages = pages;
	}

	/**
	 * The charter of the request's site, worked out once per site as loaded and language (and rendered once: the page
	 * cache keeps the rendering).
	 */
	@GetMapping("/cookies")
	String charter(Locale locale, HostedSite site, Model model) {
		model.addAttribute("charter", this.pages.of(site.registry(), locale));
		return "charter";
	}

}
