package org.chartecookies.consent;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.site.RequestSites;
import org.chartecookies.web.QueryParameters;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.UrlPathHelper;

/**
 * Works out a request's {@link PageContext}, once: query parameters the page does not use (tracking parameters, say)
 * play no part, so {@code /cookies?utm_source=x} is the page {@code /cookies}.
 */
@Component
public class PageContexts {

	private static final String ATTRIBUTE = PageContext.class.getName();

	private static final String ERROR_ATTRIBUTE = ATTRIBUTE + ".error";

	private final ConsentCookieReader reader;

	private final LocaleResolver languages;

	private final RequestSites sites;

	PageContexts(ConsentCookieReader reader, LocaleResolver languages, RequestSites sites) {
		this.reader = reader;
		this.languages = languages;
		this.sites = sites;
	}

	/** The context of the page this request shows: a page of this application, or the page an error is shown for. */
	public PageContext of(HttpServletRequest request) {
		// An error page shown for a request is another page than the one asked for (a missing page's banner leads
		// to the charter): each dispatch remembers its own.
		String attribute = (request.getDispatcherType() == DispatcherType.ERROR) ? ERROR_ATTRIBUTE : ATTRIBUTE;
		if (request.getAttribute(attribute) instanceof PageContext known) {
			return known;
		}
		PageContext page = context(request, path(request),
				QueryParameters.first(request.getQueryString(), ReturnPath.SWITCH));
		request.setAttribute(attribute, page);
		return page;
	}

	/**
	 * The context of a page this application does not render, for its banner: the page's address (a same-origin
	 * path, with its query; anything else is the charter) and its switch, inside the address or given apart (SSI
	 * cannot encode a query into a parameter).
	 */
	PageContext embedding(HttpServletRequest request, @Nullable String address, @Nullable String mode) {
		ReturnPath.Split page = ReturnPath.split(address);
		return context(request, page.page(), (mode != null && !mode.isEmpty()) ? mode : page.mode());
	}

	/** The site, a page, its switch, and what the request says of the visitor: their language and consent. */
	private PageContext context(HttpServletRequest request, String path, @Nullable String mode) {
		return new PageContext(this.sites.of(request), path, BannerSwitch.of(mode), this.languages.resolveLocale(request),
				this.reader.consent(request).state());
	}

	/** The path of the page shown (without its query), or the charter for an answer to a form. */
	private static String path(HttpServletRequest request) {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			// A page that does not exist is nowhere to come back to: its banner and "manage" link lead to the charter.
			Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
			boolean missing = Integer.valueOf(404).equals(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
			return (uri instanceof String original && readOnly(request) && !missing) ? ReturnPath.of(original)
					: ReturnPath.CHARTER;
		}
		return readOnly(request) ? ReturnPath.of(pagePath(request)) : ReturnPath.CHARTER;
	}

	/**
	 * The path the page was found by, as Spring matched it: decoded and without {@code ;} parameters, so that
	 * {@code /cookies;x=1} and {@code /c%6Fokies} are the page {@code /cookies}. A decoded path that would read as
	 * a query or a fragment is no page path.
	 */
	private static String pagePath(HttpServletRequest request) {
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		return (path.indexOf('?') < 0 && path.indexOf('#') < 0) ? path : ReturnPath.CHARTER;
	}

	private static boolean readOnly(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
	}

}
