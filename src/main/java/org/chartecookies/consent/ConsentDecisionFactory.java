package org.chartecookies.consent;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns a submitted form into a decision about the current registry, or refuses it with a precise reason.
 */
@Component
class ConsentDecisionFactory {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Clock clock;

	ConsentDecisionFactory(Clock clock) {
		this.clock = clock;
	}

	/** A decision about the registry of the site the form was posted to. */
	ConsentDecision decide(ConsentForm form, CookieRegistry registry) {
		// A banner shown before the registry changed may lack a category added since: "accept all" must not accept
		// what the visitor never saw.
		if (form.revision() != null && !form.revision().equals(Integer.toString(registry.revision()))) {
			throw new ConsentRequestException(HttpStatus.CONFLICT, "error.consent.outdated-form");
		}
		List<String> listed = (form.category() != null) ? form.category() : List.of();
		for (String id : listed) {
			if (registry.category(id).isEmpty()) {
				throw new ConsentRequestException("error.consent.unknown-category");
			}
		}
		String decision = form.decision();
		if (decision == null || decision.isBlank()) {
			throw new ConsentRequestException("error.consent.missing-decision");
		}
		// "acknowledge" answers the information notice, shown only when nothing needs consent.
		if (!ConsentDecided.KINDS.contains(decision) || (decision.equals("acknowledge") && registry.hasOptionalCategories())) {
			throw new ConsentRequestException("error.consent.unknown-decision");
		}
		Map<String, Boolean> choices = new LinkedHashMap<>();
		for (CookieCategory category : registry.optionalCategories()) {
			choices.put(category.id(),
					decision.equals("accept-all") || (decision.equals("custom") && listed.contains(category.id())));
		}
		Instant now = this.clock.instant();
		return new ConsentDecision(registry.revision(), now.truncatedTo(ChronoUnit.SECONDS), newConsentId(now), choices);
	}

	/**
	 * A new consent id: 128 bits laid out as a UUID of version 7 (RFC 9562), the decision's time in milliseconds then
	 * 74 random bits, written in base64url (22 characters). The random bits make it unguessable and unique; the time
	 * in front makes the ids of one moment neighbours in the records' index, so that recording a decision updates a
	 * page of that index the last decisions already updated rather than a random one (with 128 random bits, that index
	 * was two thirds of the embedded database's cost of a record: README, "The consent POST's cost of recording").
	 */
	static String newConsentId(Instant time) {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		long millis = time.toEpochMilli();
		for (int i = 0; i < 6; i++) {
			bytes[i] = (byte) (millis >>> (40 - 8 * i));
		}
		bytes[6] = (byte) (0x70 | (bytes[6] & 0x0f));
		bytes[8] = (byte) (0x80 | (bytes[8] & 0x3f));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
