package org.chartecookies.charter;

import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Palette;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /cookies/palette.css}: the request's site's own colours ({@code site.palette} of its registry), linked by
 * every page of a site that has some, after the application's style sheets; 404 for a site without. Pages link it with
 * the palette's version in the query, so it may be kept as long as the content-hashed style sheets.
 */
@RestController
class PaletteController {

	static final MediaType CSS = new MediaType("text", "css", java.nio.charset.StandardCharsets.UTF_8);

	@GetMapping("/cookies/palette.css")
	ResponseEntity<String> palette(HostedSite site) {
		Palette palette = site.registry().site().palette();
		if (palette == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noCache()).build();
		}
		return ResponseEntity.ok().contentType(CSS).cacheControl(CacheControl.noCache()).body(palette.css());
	}

}
