package org.chartecookies.audit;

import java.util.Locale;

/** The three states a page is visited in, each in a fresh browser profile. */
public enum VisitState {

	/** No decision: no consent cookie. */
	NONE,

	/** Every optional category refused: the application's own refusal cookie, set before the first request. */
	REFUSED,

	/** Every optional category accepted, the same way. */
	ACCEPTED;

	/** The state's name in the report ({@code none}, {@code refused}, {@code accepted}). */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
