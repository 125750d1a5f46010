package org.chartecookies.consent;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.site.RequestSites;
import org.chartecookies.web.PageController;
import org.chartecookies.web.RenderedPages;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * What every page of the application shows besides its own content: the site ({@code site}), the banner for the
 * visitor's state on this page ({@code cookieBanner}) and the visitor's consent id when they hold a decision
 * ({@link RenderedPages#PERSONAL}: a page showing it is rendered for its visitor). Pages of {@link PageController}s
 * also get their context under {@link RenderedPages#KEY}, which makes them cached; error pages (whose model holds the
 * error) do not.
 */
@ControllerAdvice(annotations = PageController.class)
class PageModel implements ErrorViewResolver {

	private final PageContexts pages;

	private final CookieBannerFactory banners;

	private final RequestSites sites;

	private final ConsentCookieReader reader;

	PageModel(PageContexts pages, CookieBannerFactory banners, RequestSites sites, ConsentCookieReader reader) {
		this.pages = pages;
		this.banners = banners;
		this.sites = sites;
		this.reader = reader;
	}

	@ModelAttribute
	void page(HttpServletRequest request, Model model) {
		PageContext page = this.pages.of(request);
		model.addAttribute(RenderedPages.KEY, page);
		model.addAttribute("site", page.site().summary());
		CookieBanner banner = this.banners.create(page);
		model.addAttribute("cookieBanner", banner);
		model.addAttribute(RenderedPages.PERSONAL, this.reader.consentId(request));
		model.addAttribute(RenderedPages.UNKEPT, banner.awaitingSnapshot());
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		if (this.sites.find(request) == null) {
			// A request by address (a health probe that missed its path): no site's page, only the status.
			View statusOnly = (values, plain, response) -> {
				response.setContentType("text/plain;charset=UTF-8");
				response.getWriter().write(status.value() + " " + status.getReasonPhrase() + "\n");
			};
			ModelAndView answer = new ModelAndView(statusOnly);
			answer.setStatus(status);
			return answer;
		}
		Map<String, Object> values = new HashMap<>(model);
		PageContext page = this.pages.of(request);
		values.put("site", page.site().summary());
		values.put("cookieBanner", this.banners.create(page));
		values.put(RenderedPages.PERSONAL, this.reader.consentId(request));
		return new ModelAndView("error", values, status);
	}

}
