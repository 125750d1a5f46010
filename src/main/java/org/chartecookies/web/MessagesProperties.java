package org.chartecookies.web;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's own words.
 *
 * @param location where the operator's texts are, without the language and {@code .properties}: with
 * {@code file:/config/charter}, {@code /config/charter.properties} holds the French texts and
 * {@code /config/charter_en.properties} the English ones. A key there replaces the same key of the application's
 * own messages; every other text stays the application's (the source charter's, word for word). None by default.
 */
@ConfigurationProperties("charte.messages")
public record MessagesProperties(@Nullable String location) {
}
