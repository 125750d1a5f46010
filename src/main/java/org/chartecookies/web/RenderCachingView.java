package org.chartecookies.web;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.view.ThymeleafView;

import org.springframework.web.servlet.View;

/**
 * The application's Thymeleaf view (Spring Boot's Thymeleaf view resolver makes every view of this class, see
 * {@link WebConfiguration}). A page, whose model holds its context under {@link RenderedPages#KEY}, is served by
 * {@link RenderedPages} and rendered from its model and language alone; any other view (error pages, the back office)
 * as Thymeleaf renders it, always in UTF-8.
 */
public class RenderCachingView extends ThymeleafView {

	private @Nullable RenderedPages pages;

	@Override
	public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Map<String, ?> values = (model != null) ? model : Map.of();
		Object page = values.get(RenderedPages.KEY);
		if (page == null) {
			// Thymeleaf would write in the charset an Accept header asks for, '?' for what that charset lacks.
			request.removeAttribute(View.SELECTED_CONTENT_TYPE);
			super.render(values, request, response);
			return;
		}
		pages().serve(getBeanName(), page, values, request, response, this::renderAlone);
	}

	/** The view's text from the model and the language: Thymeleaf's context holds no request, response or session. */
	private String renderAlone(Map<String, ?> model, Locale language) {
		Context context = new Context(language, new HashMap<>(model));
		context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(obtainApplicationContext(), null));
		String name = getTemplateName();
		int fragment = (name != null) ? name.indexOf("::") : -1;
		StringWriter text = new StringWriter(16384);
		if (fragment < 0) {
			getTemplateEngine().process(name, context, text);
		}
		else {
			getTemplateEngine().process(name.substring(0, fragment).strip(),
					Set.of(name.substring(fragment + 2).strip()), context, text);
		}
		return text.toString();
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
