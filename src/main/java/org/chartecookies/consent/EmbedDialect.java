package org.chartecookies.consent;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.web.RenderedPages;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.web.servlet.IServletWebExchange;

/**
 * {@code #embeds} in templates: a third-party embed of the registry on this page, for {@code fragments/embed.html},
 * which renders its frame once its category is accepted and a placeholder before:
 *
 * <pre>&lt;div th:replace="~{fragments/embed :: embed(${#embeds.of('youtube', 'https://www.youtube-nocookie.com/embed/ID', 'Title', '16x9')})}"&gt;&lt;/div&gt;</pre>
 */
class EmbedDialect extends AbstractDialect implements IExpressionObjectDialect {

	static final String NAME = "embeds";

	private final PageContexts pages;

	EmbedDialect(PageContexts pages) {
		super("Charte cookies embeds");
		this.pages = pages;
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of(NAME);
			}

			@Override
			public @Nullable Object buildObject(IExpressionContext context, String expressionObjectName) {
				// A cached page says only what its context holds (the same for every visitor it is served to).
				if (context.getVariable(RenderedPages.KEY) instanceof PageContext page) {
					return new PageEmbeds(page);
				}
				if (context instanceof IWebContext web && web.getExchange() instanceof IServletWebExchange exchange
						&& exchange.getNativeRequestObject() instanceof HttpServletRequest request) {
					return new PageEmbeds(EmbedDialect.this.pages.of(request));
				}
				return null;
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}

		};
	}

}
