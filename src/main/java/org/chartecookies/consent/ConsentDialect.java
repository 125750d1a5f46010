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
 * {@code #consent} in templates: the visitor's consent on this request ({@link ConsentState}), so that a template renders what belongs to
 * an optional category only once the visitor accepted it, and nothing of it otherwise:
 *
 * <pre>&lt;script th:if="${#consent.accepts('statistics')}" th:src="@{/js/matomo.js}" defer&gt;&lt;/script&gt;</pre>
 */
class ConsentDialect extends AbstractDialect implements IExpressionObjectDialect {

	static final String NAME = "consent";

	private final ConsentCookieReader reader;

	ConsentDialect(ConsentCookieReader reader) {
		super("Charte cookies consent");
		this.reader = reader;
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
					return page.consent();
				}
				// Outside a web request (an e-mail template, say) nobody has accepted anything.
				if (context instanceof IWebContext web && web.getExchange() instanceof IServletWebExchange exchange
						&& exchange.getNativeRequestObject() instanceof HttpServletRequest request) {
					return ConsentDialect.this.reader.consent(request).state();
				}
				return ConsentState.NOBODY;
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}

		};
	}

}
