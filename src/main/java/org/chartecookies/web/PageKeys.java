package org.chartecookies.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * How a request names the page it shows: the value a {@link PageController}'s model holds under
 * {@link RenderedPages#KEY} (implemented where that value is defined). {@link RenderedPages} asks it before Spring MVC
 * runs, to answer a request whose page it has already rendered without dispatching it.
 */
public interface PageKeys {

	/**
	 * What this request's page depends on besides its address and language (equal for equal pages), or null when the
	 * request is no page of a site this application serves (a health probe by address, say).
	 */
	@Nullable Object key(HttpServletRequest request);

}
