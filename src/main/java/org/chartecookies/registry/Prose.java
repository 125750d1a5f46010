package org.chartecookies.registry;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

/**
 * A site's own words for the charter's explanations, each in both languages; a text not given stays the
 * application's (the operator's {@code charte.messages.location}, else the source charter's, word for word).
 *
 * @param intro the charter's opening paragraph
 * @param whatTitle the heading "what is a cookie?"
 * @param whatText the paragraph under it
 * @param kindsIntro the sentence introducing the kinds of cookies
 * @param platformTitle the heading before the cookie tables ("what cookies are for on the platform"), followed by the
 * site's address
 */
public record Prose(@Valid @Nullable LocalizedText intro, @Valid @Nullable LocalizedText whatTitle,
		@Valid @Nullable LocalizedText whatText, @Valid @Nullable LocalizedText kindsIntro,
		@Valid @Nullable LocalizedText platformTitle) {

	static final Prose NONE = new Prose(null, null, null, null, null);

}
