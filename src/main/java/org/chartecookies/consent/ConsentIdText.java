package org.chartecookies.consent;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.web.PersonalText;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The visitor's consent id, which the confirmation and the charter show so that they can quote it to the operator: a
 * personal text, put into each answer as it is sent, never into a kept rendering. It is the id of the same current
 * decision the page's consent state comes from, so a page shows one exactly when it shows a decision.
 */
@Component
class ConsentIdText implements PersonalText {

	private final ConsentCookieReader reader;

	ConsentIdText(ConsentCookieReader reader) {
		this.reader = reader;
	}

	@Override
	public @Nullable String of(HttpServletRequest request) {
		ConsentDecision decision = this.reader.consent(request).decision();
		return (decision != null) ? decision.consentId() : null;
	}

}
