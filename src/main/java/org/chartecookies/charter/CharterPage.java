package org.chartecookies.charter;

import java.net.URI;
import java.util.List;

/**
 * The charter's content from the registry, already in the visitor's language: one table per category.
 */
record CharterPage(String siteName, URI siteUrl, List<Section> sections) {

	record Section(String id, String title, String description, boolean required, List<Row> cookies) {
	}

	record Row(String provider, String service, String name, String purpose, String lifetime) {
	}

}
