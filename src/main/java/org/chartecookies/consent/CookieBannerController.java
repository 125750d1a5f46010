package org.chartecookies.consent;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The banner alone, for the page named by {@code return}: for the banner script, and for pages this application does
 * not render (nginx SSI, ESI, fetch). The page's {@code cookies} switch comes with it, or as a parameter of its own
 * (SSI cannot encode a query into {@code return}). Nothing to show is an empty answer (204).
 */
@Controller
class CookieBannerController {

	private static final View NOTHING = (model, request, response) -> {
	};

	private final CookieBannerFactory banners;

	CookieBannerController(CookieBannerFactory banners) {
		this.banners = banners;
	}

	@GetMapping("/cookies/banner")
	ModelAndView banner(@RequestParam(name = "return", required = false) @Nullable String page,
			@RequestParam(name = CookieBannerFactory.SWITCH, required = false) @Nullable String mode,
			HttpServletRequest request, Locale locale) {
		String path = (page != null) ? page : ReturnPath.CHARTER;
		if (mode != null && !mode.isEmpty()) {
			path = CookieBannerFactory.withSwitch(ReturnPath.of(path), mode);
		}
		CookieBanner banner = this.banners.create(request, locale, path);
		if (!banner.visible()) {
			ModelAndView nothing = new ModelAndView(NOTHING);
			nothing.setStatus(HttpStatus.NO_CONTENT);
			return nothing;
		}
		ModelAndView fragment = new ModelAndView("fragments/banner :: banner");
		fragment.addObject("cookieBanner", banner);
		fragment.addObject("banner", banner);
		return fragment;
	}

}
