package org.chartecookies.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.spring6.view.ThymeleafView;

/**
 * The application's Thymeleaf view: rendered through {@link RenderedPages} (once per key for pages, always in UTF-8).
 * Spring Boot's Thymeleaf view resolver makes every view of this class (see {@link WebConfiguration}).
 */
public class RenderCachingView extends ThymeleafView {

	private @Nullable RenderedPages pages;

	@Override
	public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Map<String, ?> values = (model != null) ? model : Map.of();
		pages().serve(getBeanName(), values, request, response,
				(renderedRequest, renderedResponse) -> super.render(values, renderedRequest, renderedResponse));
	}

	private RenderedPages pages() {
		RenderedPages known = this.pages;
		if (known == null) {
			known = obtainApplicationContext().getBean(RenderedPages.class);
			this.pages = known;
		}
		return known;
	}

}
