package org.chartecookies.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Embed;
import org.jspecify.annotations.Nullable;

/**
 * A third-party embed on a page, as {@code fragments/embed.html} shows it: the frame when its category is accepted,
 * else a placeholder of the frame's size saying who provides it and what its cookies do (the registry's words), with
 * a form accepting that category and a link to the choices, both leading back to the page.
 *
 * @param category the id of the category it waits for
 * @param src the frame's address, on one of the embed's origins
 * @param title the frame's title (what it shows), for screen readers and the placeholder
 * @param ratio the frame's shape, one of {@link #RATIOS} ({@code 16x9}): the placeholder and the frame share it
 * @param accepted whether the visitor accepted its category: the frame is rendered
 * @param alsoAccepted the other categories the visitor accepted, kept accepted by the placeholder's form
 */
public record EmbedPlaceholder(String id, String category, String categoryTitle, String provider, String service,
		String purpose, String src, String title, String ratio, boolean accepted, List<String> alsoAccepted,
		String returnPath, String manageUrl, int revision) {

	/** The shapes a frame may have, each a class of cookie-embeds.css. */
	public static final Set<String> RATIOS = Set.of("16x9", "4x3", "1x1", "9x16");

	/** Longer is not a title. */
	static final int MOST_TITLE_LENGTH = 200;

	/**
	 * The embed {@code id} of the page's site, showing {@code src}.
	 * @throws IllegalArgumentException naming what is wrong: no such embed, an address not on its origins, no title,
	 * an unknown ratio
	 */
	static EmbedPlaceholder of(PageContext page, @Nullable String id, @Nullable String src, @Nullable String title,
			@Nullable String ratio) {
		CookieRegistry registry = page.site().registry();
		Embed embed = registry.embed(String.valueOf(id))
			.orElseThrow(() -> new IllegalArgumentException("no embed '" + id + "' in the registry of "
					+ page.site().id() + " (declared: " + registry.embeds().stream().map(Embed::id).toList() + ")"));
		if (src == null || !embed.serves(address(src))) {
			throw new IllegalArgumentException("the address '" + src + "' is not on the origins of embed '" + id
					+ "' (" + String.join(", ", embed.origins()) + ")");
		}
		if (title == null || title.isBlank() || title.length() > MOST_TITLE_LENGTH) {
			throw new IllegalArgumentException("embed '" + id + "' needs a title (what the frame shows), of at most "
					+ MOST_TITLE_LENGTH + " characters");
		}
		String shape = (ratio == null || ratio.isEmpty()) ? "16x9" : ratio;
		if (!RATIOS.contains(shape)) {
			throw new IllegalArgumentException("the ratio '" + ratio + "' of embed '" + id + "' is none of " + RATIOS);
		}
		CookieCategory category = registry.category(embed.category()).orElseThrow();
		ConsentState consent = page.consent();
		Map<String, Boolean> choices = (consent.choices() != null) ? consent.choices() : Map.of();
		List<String> others = registry.optionalCategories()
			.stream()
			.map(CookieCategory::id)
			.filter((other) -> !other.equals(category.id()) && Boolean.TRUE.equals(choices.get(other)))
			.toList();
		return new EmbedPlaceholder(embed.id(), category.id(), category.title().text(page.language()),
				embed.provider(), embed.service().text(page.language()), embed.purpose().text(page.language()), src,
				title.strip(), shape, consent.accepts(category.id()), others, page.path(), page.manageUrl(),
				registry.revision());
	}

	private static @Nullable URI address(String src) {
		try {
			return new URI(src);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
