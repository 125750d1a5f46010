package org.chartecookies.consent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentCookieCodecTest {

	@Test
	void decodingAnEncodedDecisionGivesItBack() {
		Map<String, Boolean> choices = new LinkedHashMap<>();
		choices.put("statistics", true);
		choices.put("video", false);
		choices.put("ads", true);
		ConsentDecision decision = new ConsentDecision(42, Instant.ofEpochSecond(1_764_403_200L),
				ConsentCookies.CONSENT_ID, choices);

		assertThat(ConsentCookieCodec.decode(ConsentCookieCodec.encode(decision))).contains(decision);
	}

	@Test
	void valueUsesOnlyCookieOctetsAndIsReadableAsAQueryString() {
		String value = ConsentCookieCodec.encode(new ConsentDecision(3, Instant.ofEpochSecond(1_764_403_200L),
				ConsentCookies.CONSENT_ID, Map.of("statistics", true)));

		// RFC 6265 cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
		assertThat(value).matches("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+");
		assertThat(value).contains("v=1", "rev=3", "at=1764403200", "accepted=statistics", "refused=");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "v=1", "v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=&extra=1",
			"rev=1&v=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=",
			"v=2&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=",
			"v=1&rev=0&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=",
			"v=1&rev=99999999999&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=",
			"v=1&rev=1&at=x&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8u+w&accepted=&refused=",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=Stats&refused=",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=a..b&refused=",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=a&refused=a",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=&",
			"v=1&rev=+1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=" })
	void anythingButAnExactVersionOneValueIsNoDecision(String value) {
		assertThat(ConsentCookieCodec.decode(value)).isEmpty();
	}

	@Test
	void oversizedValueIsNoDecision() {
		String huge = "v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=" + "a.".repeat(600) + "b&refused=";

		assertThat(ConsentCookieCodec.decode(huge)).isEmpty();
	}

}
