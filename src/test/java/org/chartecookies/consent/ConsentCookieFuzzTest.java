package org.chartecookies.consent;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing the cookies_preferences codec. Under ./mvnw verify the seeds in
 * src/test/resources/org/chartecookies/consent/ConsentCookieFuzzTestInputs replay; with JAZZER_FUZZ=1 Jazzer
 * searches for new inputs (see the README).
 */
class ConsentCookieFuzzTest {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-";

	@FuzzTest(maxDuration = "60s")
	void decodingAnythingNeverFailsAndYieldsOnlyValidDecisions(FuzzedDataProvider data) {
		String value = data.consumeRemainingAsString();

		ConsentCookieCodec.decode(value).ifPresent((decision) -> {
			assertThat(decision.revision()).isPositive();
			assertThat(decision.consentId()).matches("[A-Za-z0-9_-]{22}");
			assertThat(decision.decidedAt().getEpochSecond()).isNotNegative();
			decision.choices().keySet().forEach((category) -> assertThat(category).matches("[a-z][a-z0-9-]{0,31}"));
			String encoded = ConsentCookieCodec.encode(decision);
			assertThat(encoded).matches("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+");
			assertThat(ConsentCookieCodec.decode(encoded)).contains(decision);
			assertThat(encoded).as("a decision has one writing").isEqualTo(value);
		});
	}

	@FuzzTest(maxDuration = "60s")
	void everyDecisionDecodesToItself(FuzzedDataProvider data) {
		int revision = data.consumeInt(1, Integer.MAX_VALUE);
		long at = data.consumeLong(0, 9_999_999_999L);
		byte[] id = new byte[16];
		byte[] consumed = data.consumeBytes(16);
		System.arraycopy(consumed, 0, id, 0, consumed.length);
		Map<String, Boolean> choices = new LinkedHashMap<>();
		int categories = data.consumeInt(0, 10);
		for (int i = 0; i < categories; i++) {
			StringBuilder category = new StringBuilder().append((char) ('a' + data.consumeInt(0, 25)));
			int length = data.consumeInt(0, 31);
			for (int j = 0; j < length; j++) {
				category.append(ALPHABET.charAt(data.consumeInt(0, ALPHABET.length() - 1)));
			}
			choices.put(category.toString(), data.consumeBoolean());
		}
		ConsentDecision decision = new ConsentDecision(revision, Instant.ofEpochSecond(at),
				Base64.getUrlEncoder().withoutPadding().encodeToString(id), choices);

		String encoded = ConsentCookieCodec.encode(decision);

		assertThat(encoded.length()).isLessThanOrEqualTo(ConsentCookieCodec.MAX_LENGTH);
		assertThat(ConsentCookieCodec.decode(encoded)).contains(decision);
	}

}
