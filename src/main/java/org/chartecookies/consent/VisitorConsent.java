package org.chartecookies.consent;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the application knows of a visitor's consent on one request.
 *
 * @param decision the current decision, or null when there is none (nothing accepted)
 * @param outdated the visitor decided about an older revision of the registry: the charter changed since
 * @param globalPrivacyControl the browser sends {@code Sec-GPC: 1}, which is honoured as a refusal until the visitor
 * explicitly accepts
 */
public record VisitorConsent(@Nullable ConsentDecision decision, boolean outdated, boolean globalPrivacyControl) {

	public Optional<ConsentDecision> current() {
		return Optional.ofNullable(this.decision);
	}

	public boolean decided() {
		return this.decision != null;
	}

	/** Whether this optional category may be used: only after the visitor accepted it; required ones always. */
	public boolean accepts(String categoryId) {
		return this.decision != null && this.decision.accepts(categoryId);
	}

	/** What pages show of it: the choices, without the decision's time and id. */
	public ConsentState state() {
		return new ConsentState((this.decision != null) ? this.decision.choices() : null, this.outdated,
				this.globalPrivacyControl);
	}

}
