package org.chartecookies.web;

import java.io.IOException;
import java.io.StringReader;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.parser.AcceptEncoding;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Renders each page once per view, language and page context, and serves the same bytes afterwards, plain or
 * gzip-compressed (compressed once), with a strong validator per form for {@code 304}s. Used by the view
 * ({@link RenderCachingView}) for every model that holds a page context under {@link #KEY}.
 *
 * <p>What the bytes depend on is exactly the key: the view (a template and its fragment), the language, and the value
 * the model holds under {@link #KEY} (a record, so equality is by value): the page's site (its registry as loaded at
 * one moment, equal only to itself, so that two sites, or one site before and after a reload, never share a key), the
 * page's path, its {@code cookies} switch and the visitor's consent state. The message bundles, the templates and the
 * asset URLs are fixed for the life of the process. Nothing of the request reaches the rendering: it is given the model
 * and the language only (Thymeleaf's context holds no request, response or session), so that no header, cookie or
 * parameter changes what the next visitor gets.
 *
 * <p>Two things in a model are the asking visitor's, not the page's:
 * <ul>
 * <li>a value under {@link #PERSONAL} (the visitor's consent id, which the charter and the confirmation show): such a
 * page is rendered for its request and never kept;</li>
 * <li>texts under {@link #HOLES}, each standing in the rendering as a mark (the page an embedded banner is on, which
 * a platform has thousands of): the rendering is kept with its marks, and each answer puts the request's texts in
 * their place, so that one rendering serves every page.</li>
 * </ul>
 */
@Component
public class RenderedPages {

	/** The model attribute holding what a page's rendering depends on, besides the view and the language. */
	public static final String KEY = "pageKey";

	/** The model attribute holding a text of the asking visitor (their consent id): the page is never kept. */
	public static final String PERSONAL = "consentId";

	/** The model attribute saying, when true, that the page is not to be kept yet (it names no snapshot it should). */
	public static final String UNKEPT = "renderedAgain";

	/**
	 * The model attribute holding the request's texts a kept rendering leaves holes for: a map from the mark the
	 * model shows in its place (letters, digits and {@code -}: written as it is) to the text, HTML-escaped when sent.
	 */
	public static final String HOLES = "pageHoles";

	static final String CONTENT_TYPE = "text/html;charset=UTF-8";

	/** Every answer of a page depends on these request headers, and on nothing else. */
	public static final String VARY = "Accept-Encoding, Accept-Language, Cookie, Sec-GPC";

	record Key(String view, Locale language, Object page) {
	}

	private final @Nullable Cache<Key, RenderedPage> cache;

	RenderedPages(RenderCacheProperties properties, ObjectProvider<MeterRegistry> meters) {
		if (properties.enabled()) {
			Cache<Key, RenderedPage> pages = Caffeine.newBuilder()
				.maximumSize(properties.maximumPages())
				.recordStats()
				.build();
			meters.ifAvailable((registry) -> CaffeineCacheMetrics.monitor(registry, pages, "rendered-pages"));
			this.cache = pages;
		}
		else {
			this.cache = null;
		}
	}

	/**
	 * Serves a page, the value its model holds under {@link #KEY}: from the cache, or rendered by {@code renderer}
	 * from the model and the language (and kept, unless the model holds a personal value).
	 */
	@SuppressWarnings("unchecked")
	void serve(String view, Object page, Map<String, ?> model, HttpServletRequest request,
			HttpServletResponse response, BiFunction<Map<String, ?>, Locale, String> renderer) throws IOException {
		Locale language = RequestContextUtils.getLocale(request);
		Map<String, String> holes = (model.get(HOLES) instanceof Map<?, ?> texts) ? (Map<String, String>) texts
				: Map.of();
		boolean personal = model.get(PERSONAL) != null || Boolean.TRUE.equals(model.get(UNKEPT));
		RenderedPage rendering = (this.cache == null || personal)
				? RenderedPage.of(language, renderer.apply(model, language), holes.keySet(), false)
				: this.cache.get(new Key(view, language, page),
						(key) -> RenderedPage.of(language, renderer.apply(model, language), holes.keySet(), true));
		send(rendering, holes, request, response);
	}

	private static void send(RenderedPage page, Map<String, String> holes, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		// Added to what cross-origin sharing may have said (Vary: Origin) for a trusted origin's banner.
		response.addHeader(HttpHeaders.VARY, VARY);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		response.setHeader(HttpHeaders.CONTENT_LANGUAGE, page.language().toLanguageTag());
		boolean gzip = acceptsGzip(request.getHeaders(HttpHeaders.ACCEPT_ENCODING));
		if (new ServletWebRequest(request, response).checkNotModified(page.etag(holes, gzip))) {
			return;
		}
		byte[] body = page.body(holes, gzip);
		if (gzip) {
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		response.setContentType(CONTENT_TYPE);
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

	/**
	 * Whether {@code Accept-Encoding} allows gzip (Tomcat's parser): named ({@code gzip} or {@code x-gzip}) with a
	 * weight above zero, or {@code *} with a weight above zero and gzip not named. Anything unreadable is no.
	 */
	static boolean acceptsGzip(@Nullable Enumeration<String> headers) {
		Boolean named = null;
		boolean any = false;
		while (headers != null && headers.hasMoreElements()) {
			List<AcceptEncoding> codings;
			try {
				codings = AcceptEncoding.parse(new StringReader(headers.nextElement()));
			}
			catch (IOException | RuntimeException ex) {
				return false;
			}
			for (AcceptEncoding coding : codings) {
				String name = coding.getEncoding().toLowerCase(Locale.ROOT);
				boolean allowed = coding.getQuality() > 0;
				if (name.equals("gzip") || name.equals("x-gzip")) {
					named = (named == null) ? allowed : named || allowed;
				}
				else if (name.equals("*")) {
					any = allowed;
				}
			}
		}
		return (named != null) ? named : any;
	}

	void clear() {
		if (this.cache != null) {
			this.cache.invalidateAll();
		}
	}

	long size() {
		return (this.cache != null) ? this.cache.estimatedSize() : 0;
	}

}
