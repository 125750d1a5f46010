package org.chartecookies.consent;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.web.QueryParameters;
import org.chartecookies.web.RenderedPages;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The banner alone, for the page named by {@code return}: for the banner script, and for pages this application does
 * not render (nginx SSI, ESI, fetch). The page's {@code cookies} switch comes with it, or as a parameter of its own.
 * Without {@code return}, the page is the one the proxy names in {@value #PAGE_HEADER}: nginx cannot encode a page's
 * address into a parameter of an SSI include, so docs/nginx-example.conf sends it, as the browser asked for it, in
 * that header. Nothing to show is an empty answer (204).
 *
 * <p>A platform asks it for each of its pages: the banner is rendered once for every page, with marks where the page's
 * address goes ({@link RenderedPages#HOLES}), so that its cost does not grow with the number of pages.
 */
@Controller
class CookieBannerController {

	/** Nothing to show; it depends on the same request headers as a banner would. */
	private static final View NOTHING = (model, request, response) -> {
		response.addHeader(HttpHeaders.VARY, RenderedPages.VARY);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
	};

	/** The header in which a proxy names the page an included banner is on (its path and query, percent-encoded). */
	static final String PAGE_HEADER = "X-Charte-Page";

	/** Where the page's address and its "manage" link go: random for each process, no registry text can hold them. */
	private static final String RETURN_MARK = "charte-return-" + UUID.randomUUID();

	private static final String MANAGE_MARK = "charte-manage-" + UUID.randomUUID();

	private final PageContexts pages;

	private final CookieBannerFactory banners;

	private final ConsentCookieReader reader;

	CookieBannerController(PageContexts pages, CookieBannerFactory banners, ConsentCookieReader reader) {
		this.pages = pages;
		this.banners = banners;
		this.reader = reader;
	}

	/** Reads its two parameters from the query itself: a malformed parameter beside them changes nothing. */
	@GetMapping("/cookies/banner")
	ModelAndView banner(HttpServletRequest request, HttpServletResponse response) {
		String query = request.getQueryString();
		String address = QueryParameters.first(query, "return");
		if (address == null) {
			address = proxied(request.getHeader(PAGE_HEADER));
			response.addHeader(HttpHeaders.VARY, PAGE_HEADER);
		}
		PageContext page = this.pages.embedding(request, address, QueryParameters.first(query, ReturnPath.SWITCH));
		PageContext anyPage = page.at(RETURN_MARK);
		CookieBanner banner = this.banners.create(anyPage);
		if (!banner.visible()) {
			ModelAndView nothing = new ModelAndView(NOTHING);
			nothing.setStatus(HttpStatus.NO_CONTENT);
			return nothing;
		}
		ModelAndView fragment = new ModelAndView("fragments/banner :: banner");
		fragment.addObject(RenderedPages.KEY, anyPage);
		fragment.addObject(RenderedPages.HOLES, Map.of(RETURN_MARK, page.path(), MANAGE_MARK, page.manageUrl()));
		fragment.addObject("site", page.site().summary());
		fragment.addObject("banner", banner.at(RETURN_MARK, MANAGE_MARK));
		if (banner.confirming()) {
			fragment.addObject(RenderedPages.PERSONAL, this.reader.consentId(request));
		}
		fragment.addObject(RenderedPages.UNKEPT, banner.awaitingSnapshot());
		return fragment;
	}

	/**
	 * The header's text as the proxy sent it: a browser percent-encodes its addresses, but nginx passes on the bytes
	 * of any other client's as they came, which Tomcat reads as ISO-8859-1; UTF-8 is what they were.
	 */
	static @Nullable String proxied(@Nullable String header) {
		return (header != null) ? new String(header.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
				: null;
	}

}
