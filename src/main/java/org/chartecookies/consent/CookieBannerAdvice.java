package org.chartecookies.consent;

import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page of the application, error pages included, the banner for the visitor's current state.
 */
@ControllerAdvice
class CookieBannerAdvice {

	private final CookieBannerFactory banners;

	CookieBannerAdvice(CookieBannerFactory banners) {
		this.banners = banners;
	}

	@ModelAttribute("cookieBanner")
	CookieBanner cookieBanner(HttpServletRequest request, Locale locale) {
		return this.banners.create(request, locale, page(request));
	}

	/** The page the visitor asked for (an error page shows for it too); the charter after a failed post. */
	private static String page(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return ReturnPath.CHARTER;
		}
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (request.getDispatcherType() == DispatcherType.ERROR && original instanceof String uri) ? uri
				: request.getRequestURI();
		String query = request.getQueryString();
		return path + ((query != null) ? "?" + query : "");
	}

}
