package org.chartecookies.consent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Records a decision in the {@code cookies_preferences} cookie: a browser's form post is sent back (303) to the page
 * it came from; a script that asks for JSON gets the decision as JSON.
 */
@RestController
class ConsentController {

	static final String PATH = "/cookies/consent";

	private final ConsentDecisionFactory decisions;

	private final ConsentProperties properties;

	ConsentController(ConsentDecisionFactory decisions, ConsentProperties properties) {
		this.decisions = decisions;
		this.properties = properties;
	}

	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ConsentAnswer> decideForScript(ConsentForm form, HttpServletRequest request) {
		ConsentDecision decision = this.decisions.decide(form);
		return ResponseEntity.ok()
			.header(HttpHeaders.SET_COOKIE, cookie(decision, request).toString())
			.body(ConsentAnswer.of(decision));
	}

	@PostMapping(path = PATH)
	ResponseEntity<Void> decide(ConsentForm form, HttpServletRequest request) {
		ConsentDecision decision = this.decisions.decide(form);
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.SET_COOKIE, cookie(decision, request).toString())
			// Without JavaScript, the page then confirms the decision (a decision with no choice needs no confirmation).
			.location(URI.create(decision.choices().isEmpty() ? ReturnPath.of(form.returnPath())
					: CookieBannerFactory.afterDecision(form.returnPath())))
			.build();
	}

	private ResponseCookie cookie(ConsentDecision decision, HttpServletRequest request) {
		Instant expiry = decision.decidedAt().atOffset(ZoneOffset.UTC).plus(this.properties.lifetime()).toInstant();
		return ResponseCookie.from(ConsentCookieCodec.COOKIE_NAME, ConsentCookieCodec.encode(decision))
			.path("/")
			.sameSite("Lax")
			// Behind a TLS-terminating proxy, isSecure() follows X-Forwarded-Proto (server.forward-headers-strategy).
			.secure(request.isSecure())
			// Readable by page scripts on purpose: tag managers gate on it.
			.httpOnly(false)
			.maxAge(Duration.between(decision.decidedAt(), expiry))
			.build();
	}

	/** The JSON answer: the decision, for the banner script and for tag managers. */
	record ConsentAnswer(int revision, Instant decidedAt, String consentId, Map<String, Boolean> categories) {

		static ConsentAnswer of(ConsentDecision decision) {
			return new ConsentAnswer(decision.revision(), decision.decidedAt(), decision.consentId(),
					decision.choices());
		}

	}

}
