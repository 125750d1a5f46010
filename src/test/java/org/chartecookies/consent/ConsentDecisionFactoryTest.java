package org.chartecookies.consent;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A submitted form becomes a decision about every optional category of the current registry, or is refused with the
 * reason the error page gives.
 */
class ConsentDecisionFactoryTest {

	private static final Instant NOW = Instant.parse("2026-11-29T06:00:00.987654Z");

	private static final CookieRegistry REGISTRY = Registries.load("registries/two-optional-categories.yaml");

	private final ConsentDecisionFactory factory = new ConsentDecisionFactory(Clock.fixed(NOW, ZoneOffset.UTC));

	private ConsentDecision decide(String decision, String... categories) {
		return this.factory.decide(new ConsentForm(decision, List.of(categories), "/cookies", null), REGISTRY);
	}

	@ParameterizedTest(name = "{0} {1} -> statistics {2}, video {3}")
	@CsvSource(textBlock = """
			accept-all,  '',                true,  true
			accept-all,  video,             true,  true
			reject-all,  '',                false, false
			reject-all,  statistics|video,  false, false
			custom,      '',                false, false
			custom,      statistics,        true,  false
			custom,      video,             false, true
			custom,      video|statistics,  true,  true
			custom,      necessary,         false, false
			""")
	void eachDecisionAcceptsOrRefusesEveryOptionalCategory(String decision, String listed, boolean statistics,
			boolean video) {
		ConsentDecision decided = decide(decision, listed.isEmpty() ? new String[0] : listed.split("\\|"));

		assertThat(decided.choices()).containsExactly(Map.entry("statistics", statistics), Map.entry("video", video));
	}

	@Test
	void aDecisionIsAboutTheCurrentRevisionAtTheCurrentSecond() {
		ConsentDecision decided = decide("accept-all");

		assertThat(decided.revision()).isEqualTo(REGISTRY.revision());
		assertThat(decided.decidedAt()).isEqualTo(Instant.parse("2026-11-29T06:00:00Z"));
	}

	@Test
	void everyDecisionHasANewRandom128BitConsentId() {
		String one = decide("accept-all").consentId();
		String other = decide("accept-all").consentId();

		assertThat(one).matches("[A-Za-z0-9_-]{22}");
		assertThat(other).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(one);
		assertThat(ConsentCookieCodec.decode(ConsentCookieCodec.encode(decide("custom", "video")))).isPresent();
	}

	@Test
	void theConsentIdIsAVersion7UuidOfTheDecisionsMillisecond() {
		byte[] id = Base64.getUrlDecoder().decode(decide("accept-all").consentId());

		assertThat(id).hasSize(16);
		UUID uuid = new UUID(ByteBuffer.wrap(id).getLong(), ByteBuffer.wrap(id).getLong(8));
		assertThat(uuid.version()).isEqualTo(7);
		assertThat(uuid.variant()).isEqualTo(2);
		assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
	}

	@Test
	void consentIdsOfOneMillisecondShareTheirTimeAndDifferInTheir74RandomBits() {
		Set<String> ids = new HashSet<>();
		BitSet varying = new BitSet(128);
		byte[] first = Base64.getUrlDecoder().decode(decide("accept-all").consentId());
		for (int i = 0; i < 2000; i++) {
			String id = decide("accept-all").consentId();
			ids.add(id);
			varying.or(BitSet.valueOf(xor(first, Base64.getUrlDecoder().decode(id))));
		}

		assertThat(ids).hasSize(2000);
		// BitSet numbers the bits of each byte from its lowest: bytes 0-5 (the time), the version nibble of byte 6 and
		// the variant's two bits of byte 8 never change; the 74 others all do.
		assertThat(varying.cardinality()).isEqualTo(74);
		assertThat(varying.get(0, 48).isEmpty()).isTrue();
		assertThat(varying.get(52, 56).isEmpty()).isTrue();
		assertThat(varying.get(70, 72).isEmpty()).isTrue();
	}

	@Test
	void aLaterMillisecondGivesAGreaterIdAsBytes() {
		byte[] now = Base64.getUrlDecoder().decode(ConsentIds.newId(NOW));
		byte[] later = Base64.getUrlDecoder().decode(ConsentIds.newId(NOW.plusMillis(1)));
		byte[] muchLater = Base64.getUrlDecoder().decode(ConsentIds.newId(NOW.plusSeconds(86_400L * 365 * 100)));

		assertThat(Arrays.compareUnsigned(now, 0, 6, later, 0, 6)).isNegative();
		assertThat(Arrays.compareUnsigned(later, 0, 6, muchLater, 0, 6)).isNegative();
	}

	private static byte[] xor(byte[] one, byte[] other) {
		byte[] result = new byte[one.length];
		for (int i = 0; i < one.length; i++) {
			result[i] = (byte) (one[i] ^ other[i]);
		}
		return result;
	}

	@Test
	void aFormWithoutCategoriesIsAFormThatListsNone() {
		assertThat(this.factory.decide(new ConsentForm("custom", null, null, null), REGISTRY).choices())
			.containsExactly(Map.entry("statistics", false), Map.entry("video", false));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t" })
	void aFormWithoutDecisionIsRefused(String decision) {
		assertThatExceptionOfType(ConsentRequestException.class).isThrownBy(() -> decide(decision))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getReason()).isEqualTo("error.consent.missing-decision");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "accept", "ACCEPT-ALL", "accept-all ", "acknowledge" })
	void anUnknownDecisionIsRefused(String decision) {
		// "acknowledge" answers the information notice, which is not shown while there are optional categories.
		assertThatExceptionOfType(ConsentRequestException.class).isThrownBy(() -> decide(decision))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("error.consent.unknown-decision"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "accept-all", "custom", "" })
	void aCategoryTheRegistryDoesNotDeclareIsRefusedWhateverTheDecision(String decision) {
		assertThatExceptionOfType(ConsentRequestException.class).isThrownBy(() -> decide(decision, "video", "ads"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("error.consent.unknown-category"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "6", "8", "07", "", "7 ", "x" })
	void aFormShownForAnotherRevisionIsRefusedBeforeAnythingElse(String revision) {
		// Accepting all on a banner shown before a category was added must not accept the new category; the form
		// may also name a category removed since (here "ads"): the answer is still that the charter changed.
		assertThat(REGISTRY.revision()).isEqualTo(7);
		assertThatExceptionOfType(ConsentRequestException.class)
			.isThrownBy(() -> this.factory.decide(new ConsentForm("custom", List.of("ads"), "/", revision), REGISTRY))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo("error.consent.outdated-form");
				assertThat(ex.getStatusCode().value()).isEqualTo(409);
			});
	}

	@Test
	void aFormShownForTheCurrentRevisionOrSayingNoneIsDecided() {
		assertThat(this.factory.decide(new ConsentForm("accept-all", List.of(), "/", "7"), REGISTRY).choices())
			.containsEntry("video", true);
		assertThat(this.factory.decide(new ConsentForm("accept-all", List.of(), "/", null), REGISTRY).choices())
			.containsEntry("video", true);
	}

	@Test
	void withoutOptionalCategoriesTheNoticeIsAcknowledgedAndNothingIsToChoose() {
		CookieRegistry necessaryOnly = Registries.load("registries/necessary-only.yaml");
		ConsentDecisionFactory notice = new ConsentDecisionFactory(Clock.fixed(NOW, ZoneOffset.UTC));

		ConsentDecision decided = notice.decide(new ConsentForm("acknowledge", List.of(), "/cookies", null), necessaryOnly);

		assertThat(decided.choices()).isEmpty();
		assertThat(decided.revision()).isEqualTo(necessaryOnly.revision());
	}

}
