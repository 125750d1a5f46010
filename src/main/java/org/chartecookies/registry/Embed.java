package org.chartecookies.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A third-party embed (a video player, a map, a social post) held back behind a placeholder until its category is
 * accepted: the placeholder says who provides it and what its cookies do, in the registry's words.
 *
 * @param id how pages name it ({@code youtube})
 * @param provider who provides it ({@code Google (YouTube)})
 * @param category the optional category it belongs to
 * @param service what it is ("Lecteur vidéo YouTube")
 * @param purpose what its cookies do
 * @param origins the origins its frames are loaded from ({@code https://www.youtube-nocookie.com}): a frame's address
 * must be on one of them, and pages that show it allow them as frame sources
 */
public record Embed(
		@NotNull @Pattern(regexp = CookieCategory.ID_PATTERN,
				message = "must be lower-case letters, digits and dashes, starting with a letter (at most 32)") String id,
		@NotBlank String provider, @NotBlank String category, @NotNull @Valid LocalizedText service,
		@NotNull @Valid LocalizedText purpose,
		@NotEmpty List<@NotNull @Pattern(regexp = Site.ORIGIN_PATTERN,
				message = "must be an origin: scheme://host[:port], without path") String> origins) {

	public Embed {
		// Unmodifiable but null-tolerant, as the registry's lists: an empty item must reach validation, by name.
		origins = (origins != null) ? Collections.unmodifiableList(new ArrayList<>(origins)) : List.of();
	}

	/**
	 * Whether a frame's address is one of this embed's: an http or https address on one of its origins, with no user
	 * information. Anything else ({@code javascript:}, another host, {@code //host}) is not.
	 */
	public boolean serves(@Nullable URI address) {
		if (address == null || address.getScheme() == null || address.getRawAuthority() == null
				|| address.getRawUserInfo() != null || address.getHost() == null) {
			return false;
		}
		String scheme = address.getScheme().toLowerCase(Locale.ROOT);
		String origin = scheme + "://" + address.getHost().toLowerCase(Locale.ROOT)
				+ ((address.getPort() >= 0) ? ":" + address.getPort() : "");
		return this.origins.stream().anyMatch((allowed) -> allowed.toLowerCase(Locale.ROOT).equals(origin));
	}

}
