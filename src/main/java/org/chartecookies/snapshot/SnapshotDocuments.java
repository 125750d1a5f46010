package org.chartecookies.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.chartecookies.charter.CharterPages;
import org.chartecookies.consent.CookieBanner;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Palette;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders the snapshot of what a site shows in a language, as one self-contained UTF-8 HTML document (the
 * {@code snapshot} template: docs/records.md gives its form): the banner an undecided visitor gets, first layer and
 * choices open, and the charter's content, each by the fragments the pages are rendered with; the banner's and the
 * charter's style sheets as served, and the site's palette; and the registry's content, canonical (JSON, keys in order).
 * No script, nothing that loads anything.
 */
@Component
class SnapshotDocuments {

	/** The style sheets every page of the banner and the charter links (besides Bootstrap's, which is not the site's). */
	private static final String[] STYLE_SHEETS = { "static/css/cookie-banner.css", "static/css/charte.css" };

	/** Keys in order, whatever the order of the registry file: the same registry content, the same text. */
	private static final JsonMapper CANONICAL = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private final ITemplateEngine templates;

	private final ApplicationContext context;

	private final CharterPages charters;

	private final String styles;

	SnapshotDocuments(ITemplateEngine templates, ApplicationContext context, CharterPages charters) {
		this.templates = templates;
		this.context = context;
		this.charters = charters;
		StringBuilder styles = new StringBuilder(16384);
		for (String sheet : STYLE_SHEETS) {
			styles.append(resource(sheet)).append('\n');
		}
		this.styles = styles.toString();
	}

	/** The document's bytes, UTF-8. */
	byte[] render(HostedSite site, Locale language) {
		CookieBanner firstLayer = CookieBanner.undecided(site, language, false);
		Map<String, Object> model = new HashMap<>();
		model.put("site", site.summary());
		model.put("firstLayer", firstLayer);
		model.put("choicesOpen", CookieBanner.undecided(site, language, true));
		// What the charter's "your choices" section shows an undecided visitor.
		model.put("cookieBanner", firstLayer);
		model.put("charter", this.charters.of(site.registry(), language));
		Palette palette = site.registry().site().palette();
		model.put("styles", (palette != null) ? this.styles + palette.css() : this.styles);
		model.put("registry", registryText(site));
		Context values = new Context(language, model);
		values.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(this.context, null));
		return this.templates.process("snapshot", values).getBytes(StandardCharsets.UTF_8);
	}

	/** The registry's content as loaded, canonical: the same content gives the same text. */
	static String registryText(HostedSite site) {
		return CANONICAL.writeValueAsString(site.registry());
	}

	private static String resource(String path) {
		try (InputStream input = new ClassPathResource(path).getInputStream()) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The application's own " + path + " cannot be read", ex);
		}
	}

}
