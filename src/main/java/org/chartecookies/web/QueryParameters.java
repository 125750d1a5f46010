package org.chartecookies.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads one parameter of a query string without the servlet container's parser, which throws on a malformed query
 * ({@code ?=x}, {@code ?a=%E9}): pages read what they use this way, so that a malformed query elsewhere in the
 * address never costs the visitor the page.
 */
public final class QueryParameters {

	private QueryParameters() {
	}

	/**
	 * The decoded value of the first parameter of that name ({@code ""} for a name without {@code =}), or null when
	 * there is none or its value does not decode.
	 */
	public static @Nullable String first(@Nullable String query, String name) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		for (String field : query.split("&", 256)) {
			int equals = field.indexOf('=');
			String key = (equals < 0) ? field : field.substring(0, equals);
			if (key.equals(name)) {
				try {
					return (equals < 0) ? "" : URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
		}
		return null;
	}

}
