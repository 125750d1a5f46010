package org.chartecookies.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Renders each page once per view, language and page context, and serves the same bytes afterwards, plain or
 * gzip-compressed (compressed once) as the client accepts, with a strong validator per form for {@code 304}s.
 *
 * <p>What the bytes depend on is exactly the key: the view (a template and its fragment), the language, and the value
 * a {@link PageController}'s model holds under {@link #KEY} (a record, so equality is by value): the page's site (its
 * registry as loaded at one moment, equal only to itself, so that two sites, or one site before and after a reload,
 * never share a key), the page's path, its {@code cookies} switch and the visitor's consent state. The message bundles,
 * the templates and the asset URLs are fixed for the life of the process. Nothing else of the request
 * can reach the rendering: it runs against a {@link CleanRoomRequest} (no headers, cookies, parameters, query, session
 * or client address; the language fixed to the key's) into a {@link BufferedResponse} that always writes UTF-8, so that
 * neither {@code Accept: …;charset=…} nor any other header changes what the next visitor gets. Views without a key
 * (error pages, whose model holds the error) are rendered afresh each time, through the same UTF-8 buffer.
 *
 * <p>The one thing a page shows that belongs to a single visitor, their consent id, is no part of the key (the cache
 * would hold a rendering per visitor): the rendering holds {@link PersonalText#MARK} in its place, and each answer puts
 * the asking request's own text there as it is sent ({@link RenderedPage}), so what is sent depends on the kept
 * rendering, the {@code Accept-Encoding} form and that text; its validator too.
 *
 * <p>Once a {@code GET} has been answered with a kept rendering, the same request is answered before Spring MVC runs
 * ({@link #answer}, called by {@link CachedPageFilter}): the address it was asked at (a {@link PageController}'s
 * page whatever its query, since its model depends on the query only through the page's key; any other controller's
 * with that exact query), its language and its page key ({@link PageKeys}, the same value the model holds) lead to
 * the same rendering, served by the same code, with the same headers and the language cookie a {@code ?lang=} asks
 * for. The route's page key holds the site too: an address answered for one host is never answered for another.
 * Anything else goes to Spring MVC.
 */
@Component
public class RenderedPages {

	/** The model attribute holding what a page's model depends on, besides the view and the language. */
	public static final String KEY = "pageKey";

	static final String CONTENT_TYPE = "text/html;charset=UTF-8";

	/** Every answer of a page depends on these request headers, and on nothing else. */
	public static final String VARY = "Accept-Encoding, Accept-Language, Cookie, Sec-GPC";

	/** URLs of the assets served through the resource chain (content-hashed CSS and JS, version-agnostic WebJars). */
	private static final List<String> ASSET_PREFIXES = List.of("/css/", "/js/", "/webjars/");

	/** The templates name a handful of assets: past this many, asset URLs are no longer remembered. */
	private static final int MOST_ASSET_URLS = 256;

	/**
	 * Addresses longer than this are not remembered for {@link #answer} (they still share the page's rendering): the
	 * routes stay small whatever the addresses a client makes up.
	 */
	private static final int MOST_ROUTE_CHARS = 1024;

	/** What a personal text may be: written into HTML and a validator without escaping. */
	private static final Pattern PERSONAL_TEXT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	record Key(String view, Locale language, Object page) {
	}

	/**
	 * A request already answered: its address, language and page, and its query unless the page ignores it
	 * ({@code anyQuery}; otherwise {@code query} is the exact query, none being a query of its own).
	 */
	record Route(String uri, boolean anyQuery, @Nullable String query, Locale language, Object page) {
	}

	/**
	 * How such a request was answered: the kept rendering's key (the rendering stays the cache's to keep or evict),
	 * and what Spring MVC knew of it.
	 */
	record Answer(Key key, boolean page, @Nullable String pattern) {
	}

	/** Renders a view into a request and a response. */
	@FunctionalInterface
	interface Renderer {

		void render(HttpServletRequest request, HttpServletResponse response) throws Exception;

	}

	private final @Nullable Cache<Key, RenderedPage> cache;

	private final @Nullable Cache<Route, Answer> routes;

	private final ObjectProvider<ResourceUrlProvider> resources;

	/**
	 * The beans that work out a request's page key and its personal text (of other features), looked up once: a lookup
	 * through their provider searches the bean factory's candidates, a visible share of a consent post's time when made
	 * for every request.
	 */
	private final SingletonSupplier<PageKeys> keys;

	private final LocaleResolver languages;

	private final SingletonSupplier<PersonalText> personal;

	private final Map<String, String> assetUrls = new ConcurrentHashMap<>();

	RenderedPages(RenderCacheProperties properties, ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ResourceUrlProvider> resources, ObjectProvider<PageKeys> keys, LocaleResolver languages,
			ObjectProvider<PersonalText> personal) {
		this.resources = resources;
		this.personal = SingletonSupplier.of(personal::getIfAvailable);
		this.keys = SingletonSupplier.of(keys::getIfAvailable);
		this.languages = languages;
		if (properties.enabled()) {
			Cache<Key, RenderedPage> pages = Caffeine.newBuilder()
				.maximumSize(properties.maximumPages())
				.recordStats()
				.build();
			meters.ifAvailable((registry) -> CaffeineCacheMetrics.monitor(registry, pages, "rendered-pages"));
			this.cache = pages;
			// An entry is a few references to a kept rendering: several addresses and queries may lead to one.
			this.routes = Caffeine.newBuilder().maximumSize(4L * properties.maximumPages()).build();
		}
		else {
			this.cache = null;
			this.routes = null;
		}
	}

	/**
	 * Answers a request already answered with a kept rendering, before Spring MVC: {@code true} if it did. The
	 * request's page key is worked out by {@link PageKeys} exactly as the page's model gets it.
	 */
	boolean answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		PageKeys pageKeys = this.keys.get();
		if (this.cache == null || this.routes == null || pageKeys == null || !readOnly(request)) {
			return false;
		}
		String uri = request.getRequestURI();
		Locale language = request.getLocale();
		Object page = pageKeys.key(request);
		if (page == null) {
			return false;
		}
		Answer answer = this.routes.getIfPresent(new Route(uri, true, null, language, page));
		if (answer == null) {
			answer = this.routes.getIfPresent(new Route(uri, false, request.getQueryString(), language, page));
		}
		if (answer == null) {
			return false;
		}
		RenderedPage rendering = this.cache.getIfPresent(answer.key());
		if (rendering == null) {
			return false;
		}
		String pattern = answer.pattern();
		if (pattern != null) {
			ServerHttpObservationFilter.findObservationContext(request)
				.ifPresent((observation) -> observation.setPathPattern(pattern));
		}
		if (answer.page()) {
			LanguageChoice.remember(this.languages, request, response);
		}
		send(rendering, request, response);
		return true;
	}

	/** Remembers how Spring MVC answered a {@code GET} with a kept rendering, for {@link #answer}. */
	private void learn(HttpServletRequest request, Key key) {
		PageKeys pageKeys = this.keys.get();
		if (this.routes == null || pageKeys == null || request.getDispatcherType() != DispatcherType.REQUEST
				|| !readOnly(request)) {
			return;
		}
		boolean page = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod
				method && method.getBeanType().isAnnotationPresent(PageController.class);
		String query = page ? null : request.getQueryString();
		if (request.getRequestURI().length() + ((query != null) ? query.length() : 0) > MOST_ROUTE_CHARS) {
			return;
		}
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		Object pageKey = pageKeys.key(request);
		if (pageKey == null) {
			return;
		}
		Route route = new Route(request.getRequestURI(), page, query, request.getLocale(), pageKey);
		this.routes.put(route, new Answer(key, page, (pattern instanceof String known) ? known : null));
	}

	private static boolean readOnly(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
	}

	/** Serves a view: from the cache when its model has a key, rendered afresh otherwise. */
	void serve(String view, Map<String, ?> model, HttpServletRequest request, HttpServletResponse response,
			Renderer renderer) throws Exception {
		Locale language = RequestContextUtils.getLocale(request);
		Object page = model.get(KEY);
		if (page == null) {
			write(RenderedPage.personalized(render(renderer, request, response), personalText(request)), request,
					response);
			return;
		}
		Key key = new Key(view, language, page);
		RenderedPage rendering = (this.cache != null) ? this.cache.getIfPresent(key) : null;
		if (rendering == null) {
			rendering = RenderedPage.of(language, render(renderer, new CleanRoomRequest(request, language), response));
			if (this.cache != null) {
				this.cache.put(key, rendering);
			}
		}
		learn(request, key);
		send(rendering, request, response);
	}

	private byte[] render(Renderer renderer, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		BufferedResponse buffer = new BufferedResponse(response, (url) -> assetUrl(url, request.getContextPath()));
		renderer.render(request, buffer);
		return buffer.toByteArray();
	}

	/** Sends a rendering, with the asking visitor's personal text in place of its marks. */
	private void send(RenderedPage page, HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.VARY, VARY);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		response.setHeader(HttpHeaders.CONTENT_LANGUAGE, page.language().toLanguageTag());
		boolean gzip = acceptsGzip(request.getHeaders(HttpHeaders.ACCEPT_ENCODING));
		byte[] text = page.personal() ? personalText(request) : null;
		if (new ServletWebRequest(request, response).checkNotModified(page.etag(text, gzip))) {
			return;
		}
		if (gzip) {
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		response.setContentType(CONTENT_TYPE);
		response.setContentLength(page.length(text, gzip));
		if (!"HEAD".equals(request.getMethod())) {
			page.write(text, gzip, response.getOutputStream());
		}
	}

	/** The asking visitor's personal text as it may be written (see {@link PersonalText#of}), or null. */
	private byte @Nullable [] personalText(HttpServletRequest request) {
		PersonalText texts = this.personal.get();
		String text = (texts != null) ? texts.of(request) : null;
		return (text != null && PERSONAL_TEXT.matcher(text).matches()) ? text.getBytes(StandardCharsets.US_ASCII)
				: null;
	}

	/** A page's bytes, UTF-8 HTML of a known length (none for HEAD). */
	private static void write(byte[] body, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		response.setContentType(CONTENT_TYPE);
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

	/**
	 * Whether {@code Accept-Encoding} allows gzip: named ({@code gzip} or {@code x-gzip}) with a weight above zero, or
	 * {@code *} with a weight above zero and gzip not refused by name. Anything unreadable is no.
	 */
	static boolean acceptsGzip(@Nullable Enumeration<String> headers) {
		if (headers == null) {
			return false;
		}
		Boolean named = null;
		boolean any = false;
		int entries = 0;
		while (headers.hasMoreElements() && entries < 64) {
			for (String coding : headers.nextElement().split(",", 32)) {
				entries++;
				int semicolon = coding.indexOf(';');
				String name = ((semicolon < 0) ? coding : coding.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
				boolean allowed = semicolon < 0 || allowed(coding.substring(semicolon + 1));
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

	/** Whether an encoding's parameters leave it a weight above zero ({@code q=0}, {@code q=0.000} refuse it). */
	private static boolean allowed(String parameters) {
		String trimmed = parameters.strip().toLowerCase(Locale.ROOT).replace(" ", "");
		if (!trimmed.startsWith("q=")) {
			return true;
		}
		String weight = trimmed.substring(2);
		return !weight.matches("0(\\.0{0,3})?");
	}

	/** The served URL of an asset (content-hashed, versioned WebJar), worked out once per URL. */
	private String assetUrl(String url, String contextPath) {
		if (!url.startsWith(contextPath)) {
			return url;
		}
		String path = url.substring(contextPath.length());
		if (ASSET_PREFIXES.stream().noneMatch(path::startsWith)) {
			return url;
		}
		String known = this.assetUrls.get(url);
		if (known != null) {
			return known;
		}
		ResourceUrlProvider provider = this.resources.getIfAvailable();
		String resolved = (provider != null) ? provider.getForLookupPath(path) : null;
		String served = (resolved != null) ? contextPath + resolved : url;
		if (this.assetUrls.size() < MOST_ASSET_URLS) {
			this.assetUrls.put(url, served);
		}
		return served;
	}

	void clear() {
		if (this.cache != null) {
			this.cache.invalidateAll();
		}
		if (this.routes != null) {
			this.routes.invalidateAll();
		}
	}

	long size() {
		return (this.cache != null) ? this.cache.estimatedSize() : 0;
	}

}
