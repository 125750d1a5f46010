package org.chartecookies.consent;

import java.util.List;

/**
 * What the banner fragment shows, already in the visitor's language.
 *
 * @param visible whether the banner is shown: no current decision yet, or the visitor asked to manage cookies
 * @param notice the registry has no optional category: an information notice instead of a choice
 * @param choicesOpen the per-category choices are shown open ("Gérer mes cookies")
 * @param decided the visitor holds a current decision, which {@code choices} reflect
 * @param returnPath where the form sends the visitor back to
 * @param manageUrl the "Gérer mes cookies" link: this page with the choices open
 */
public record CookieBanner(boolean visible, boolean notice, boolean choicesOpen, boolean decided, String siteName,
		List<Choice> choices, String returnPath, String manageUrl) {

	/** One category as the visitor sees it; required ones are always on. */
	public record Choice(String id, String title, String description, boolean required, boolean accepted) {
	}

	public List<Choice> optionalChoices() {
		return this.choices.stream().filter((choice) -> !choice.required()).toList();
	}

}
