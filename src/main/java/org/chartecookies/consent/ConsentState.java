package org.chartecookies.consent;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a page shows of a visitor's consent: the choices of their current decision (never its time or id, so that
 * visitors with the same choices share one rendering), whether they decided about an older revision, and Global
 * Privacy Control. Templates reach it as {@code #consent}.
 *
 * @param choices accepted or refused, for each optional category; null when there is no current decision
 * @param outdated the visitor decided about an older revision of the registry: the charter changed since
 * @param globalPrivacyControl the browser sends {@code Sec-GPC: 1}, honoured as a refusal until the visitor accepts
 */
public record ConsentState(@Nullable Map<String, Boolean> choices, boolean outdated, boolean globalPrivacyControl) {

	static final ConsentState NOBODY = new ConsentState(null, false, false);

	public ConsentState {
		choices = (choices != null) ? Map.copyOf(choices) : null;
	}

	public boolean decided() {
		return this.choices != null;
	}

	/** Whether this optional category may be used: only after the visitor accepted it. */
	public boolean accepts(String categoryId) {
		return this.choices != null && Boolean.TRUE.equals(this.choices.get(categoryId));
	}

}
