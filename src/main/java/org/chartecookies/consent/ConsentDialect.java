package org.chartecookies.consent;

import java.util.Set;
import java.util.function.Supplier;

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
 *
 * And {@code #embeds}: a third-party embed of the registry on this page ({@link PageEmbeds}), for
 * {@code fragments/embed.html}, which renders its frame once its category is accepted and a placeholder before:
 *
 * <pre>&lt;div th:replace="~{fragments/embed :: embed(${#embeds.of('youtube', 'https://www.youtube-nocookie.com/embed/ID', 'Title', '16x9')})}"&gt;&lt;/div&gt;</pre>
 */
class ConsentDialect extends AbstractDialect implements IExpressionObjectDialect {

	static final String NAME = "consent";

	static final String EMBEDS = "embeds";

	private final ConsentCookieReader reader;

	private final PageContexts pages;

	/** Asked when a template asks: the snapshots are rendered by the template engine this dialect is part of. */
	private final Supplier<SnapshotHashes> snapshots;

	ConsentDialect(ConsentCookieReader reader, PageContexts pages, Supplier<SnapshotHashes> snapshots) {
		super("Charte cookies consent");
		this.reader = reader;
		this.pages = pages;
		this.snapshots = snapshots;
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of(NAME, EMBEDS);
			}

			@Override
			public @Nullable Object buildObject(IExpressionContext context, String expressionObjectName) {
				boolean embeds = EMBEDS.equals(expressionObjectName);
				// A cached page says only what its context holds (the same for every visitor it is served to).
				if (context.getVariable(RenderedPages.KEY) instanceof PageContext page) {
					return embeds ? new PageEmbeds(page, ConsentDialect.this.snapshots.get()) : page.consent();
				}
				if (context instanceof IWebContext web && web.getExchange() instanceof IServletWebExchange exchange
						&& exchange.getNativeRequestObject() instanceof HttpServletRequest request) {
					return embeds ? new PageEmbeds(ConsentDialect.this.pages.of(request),
							ConsentDialect.this.snapshots.get())
							: ConsentDialect.this.reader.consent(request).state();
				}
				// Outside a web request (an e-mail template, say) nobody has accepted anything, and no page has embeds.
				return embeds ? null : ConsentState.NOBODY;
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}

		};
	}

}
