package org.chartecookies.consent;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.web.QueryParameters;
import org.chartecookies.web.RenderedPages;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The banner alone, for the page named by {@code return}: for the banner script, and for pages this application does
 * not render (nginx SSI, ESI, fetch). The page's {@code cookies} switch comes with it, or as a parameter of its own
 * (SSI cannot encode a query into {@code return}). Nothing to show is an empty answer (204).
 */
@Controller
class CookieBannerController {

	/** Nothing to show; it depends on the same request headers as a banner would. */
	private static final View NOTHING = (model, request, response) -> {
		response.setHeader(HttpHeaders.VARY, RenderedPages.VARY);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
	};

	private final PageContexts pages;

	private final CookieBannerFactory banners;

	CookieBannerController(PageContexts pages, CookieBannerFactory banners) {
		this.pages = pages;
		this.banners = banners;
	}

	/** Reads its two parameters from the query itself: a malformed parameter beside them changes nothing. */
	@GetMapping("/cookies/banner")
	ModelAndView banner(HttpServletRequest request) {
		String query = request.getQueryString();
		PageContext page = this.pages.embedding(request, QueryParameters.first(query, "return"),
				QueryParameters.first(query, ReturnPath.SWITCH));
		CookieBanner banner = this.banners.create(page);
		if (!banner.visible()) {
			ModelAndView nothing = new ModelAndView(NOTHING);
			nothing.setStatus(HttpStatus.NO_CONTENT);
			return nothing;
		}
		ModelAndView fragment = new ModelAndView("fragments/banner :: banner");
		fragment.addObject(RenderedPages.KEY, page);
		fragment.addObject("site", page.site().summary());
		fragment.addObject("banner", banner);
		return fragment;
	}

}
