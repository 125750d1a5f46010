package org.chartecookies.charter;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The charter's content from the registry, already in the visitor's language: one table per category, and the
 * site's own words for the explanations where it has any ({@code null} texts are the application's messages), and
 * the site's privacy policy ({@code null} when it names none).
 */
public record CharterPage(String siteName, URI siteUrl, List<Section> sections, Prose prose, @Nullable URI privacyPolicy) {

	public record Prose(@Nullable String intro, @Nullable String whatTitle, @Nullable String whatText,
			@Nullable String kindsIntro, @Nullable String platformTitle) {
	}

	public record Section(String id, String title, String description, boolean required, List<Row> cookies) {
	}

	public record Row(String provider, String service, String name, String purpose, String lifetime) {
	}

}
