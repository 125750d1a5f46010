package org.chartecookies.consent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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
		Map<String, Boolean> choices = new LinkedHashMap<>();
		choices.put("statistics", true);
		choices.put("video", false);
		choices.put("ads", true);
		String value = ConsentCookieCodec.encode(new ConsentDecision(3, Instant.ofEpochSecond(1_764_403_200L),
				ConsentCookies.CONSENT_ID, choices));

		// RFC 6265 cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
		assertThat(value).matches("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+");
		// What new URLSearchParams(value) gives a page script, key by key, in the documented order.
		assertThat(queryString(value)).containsExactly(entry("v", "1"), entry("rev", "3"), entry("at", "1764403200"),
				entry("id", ConsentCookies.CONSENT_ID), entry("accepted", "statistics.ads"), entry("refused", "video"));
	}

	@Test
	void aDecisionWithoutOptionalCategoriesListsNone() {
		String value = ConsentCookieCodec.encode(new ConsentDecision(1, Instant.ofEpochSecond(0),
				ConsentCookies.CONSENT_ID, Map.of()));

		assertThat(queryString(value)).containsEntry("accepted", "").containsEntry("refused", "");
		assertThat(ConsentCookieCodec.decode(value)).hasValueSatisfying((decision) -> {
			assertThat(decision.revision()).isEqualTo(1);
			assertThat(decision.decidedAt()).isEqualTo(Instant.EPOCH);
			assertThat(decision.choices()).isEmpty();
		});
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2_147_483_647 })
	void everyRevisionARegistryCanHaveDecodes(int revision) {
		String value = "v=1&rev=" + revision + "&at=1764403200&id=" + ConsentCookies.CONSENT_ID
				+ "&accepted=&refused=statistics";

		assertThat(ConsentCookieCodec.decode(value)).hasValueSatisfying((decision) -> {
			assertThat(decision.revision()).isEqualTo(revision);
			assertThat(decision.accepts("statistics")).isFalse();
			assertThat(decision.choices()).containsOnlyKeys("statistics");
		});
	}

	@Test
	void aRevisionBeyondWhatARegistryCanHaveIsNoDecision() {
		// Ten digits, as the format allows, but past the largest registry revision.
		assertThat(ConsentCookieCodec.decode("v=1&rev=2147483648&at=1764403200&id=" + ConsentCookies.CONSENT_ID
				+ "&accepted=&refused=statistics")).isEmpty();
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
			"v=1&rev=+1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=",
			"v=1&rev=01&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=",
			"v=1&rev=1&at=01&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=",
			"v=1&rev=1&at=1&id=Qk3v0X9bT6mZ1cR2aY8uEx&accepted=&refused=" })
	void anythingButAnExactVersionOneValueIsNoDecision(String value) {
		assertThat(ConsentCookieCodec.decode(value)).isEmpty();
	}

	@Test
	void aValueOfAtMost1024CharactersIsReadAndALongerOneIsNoDecision() {
		assertThat(ConsentCookieCodec.decode(validValueOfLength(1024))).isPresent();
		assertThat(ConsentCookieCodec.decode(validValueOfLength(1025))).isEmpty();
	}

	/** A value well-formed in every other way (distinct categories of valid ids) of exactly that length. */
	private static String validValueOfLength(int length) {
		String head = "v=1&rev=1&at=1764403200&id=" + ConsentCookies.CONSENT_ID + "&accepted=";
		String tail = "&refused=";
		StringBuilder categories = new StringBuilder();
		for (int i = 0; length - (head.length() + categories.length() + tail.length()) > 32; i++) {
			categories.append('c').append(i).append('.');
		}
		categories.append("z".repeat(length - (head.length() + categories.length() + tail.length())));
		return head + categories + tail;
	}

	private static Map<String, String> queryString(String value) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String field : value.split("&", -1)) {
			int equals = field.indexOf('=');
			parameters.put(URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

}
