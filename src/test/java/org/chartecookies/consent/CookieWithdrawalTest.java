package org.chartecookies.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseCookie;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Refusing a category deletes the cookies of that category the browser sent, with the domain and path the registry
 * declares (statistics: {@code _pk_id.*} on {@code example.org}; video: {@code VISITOR_INFO1_LIVE}, host-only), and
 * never more than 5 KB of headers.
 */
class CookieWithdrawalTest {

	private static final CookieRegistry REGISTRY = Registries.load("registries/two-optional-categories.yaml");

	private final CookieWithdrawal withdrawal = new CookieWithdrawal(Registries.requestSites(REGISTRY));

	private static ConsentDecision decision(boolean statistics, boolean video) {
		return new ConsentDecision(REGISTRY.revision(), Instant.EPOCH, ConsentCookies.CONSENT_ID,
				Map.of("statistics", statistics, "video", video));
	}

	private static MockHttpServletRequest sending(String... names) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cookies/consent");
		if (names.length > 0) {
			request.setCookies(java.util.Arrays.stream(names).map((name) -> new Cookie(name, "1")).toArray(Cookie[]::new));
		}
		return request;
	}

	/** What the deletions weigh in the answer: "Set-Cookie: " + value + CRLF each. */
	private static int headerBytes(List<ResponseCookie> deletions) {
		return deletions.stream().mapToInt((deletion) -> ("Set-Cookie: " + deletion + "\r\n").length()).sum();
	}

	@Test
	void refusingACategoryDeletesItsCookiesWithTheirDeclaredDomainAndPathAndHostOnly() {
		List<ResponseCookie> deletions = this.withdrawal.deletions(decision(false, true),
				sending("sessionid", "_pk_id.1.3f2a", "VISITOR_INFO1_LIVE", "unknown"));

		assertThat(deletions)
			.extracting(ResponseCookie::getName, ResponseCookie::getValue, ResponseCookie::getDomain,
					ResponseCookie::getPath, (cookie) -> cookie.getMaxAge().isZero(), ResponseCookie::isSecure)
			.containsExactly(tuple("_pk_id.1.3f2a", "", "example.org", "/", true, false),
					tuple("_pk_id.1.3f2a", "", null, "/", true, false));
	}

	@Test
	void aHostOnlyCookieIsDeletedOnceAndOverHttpsAsSecure() {
		MockHttpServletRequest request = sending("VISITOR_INFO1_LIVE", "_pk_id.9");
		request.setSecure(true);

		List<ResponseCookie> deletions = this.withdrawal.deletions(decision(true, false), request);

		assertThat(deletions)
			.extracting(ResponseCookie::getName, ResponseCookie::getDomain, ResponseCookie::getPath,
					ResponseCookie::isSecure)
			.containsExactly(tuple("VISITOR_INFO1_LIVE", null, "/", true));
	}

	@Test
	void refusingEverythingDeletesEveryOptionalCookieSentAndOnlyThose() {
		List<ResponseCookie> deletions = this.withdrawal.deletions(decision(false, false),
				sending("VISITOR_INFO1_LIVE", "sessionid", "cookies_preferences", "_pk_id.2"));

		assertThat(deletions).extracting(ResponseCookie::getName)
			.containsExactly("VISITOR_INFO1_LIVE", "_pk_id.2", "_pk_id.2");
	}

	@Test
	void acceptingEverythingOrSendingNothingDeletesNothing() {
		assertThat(this.withdrawal.deletions(decision(true, true), sending("_pk_id.1", "VISITOR_INFO1_LIVE"))).isEmpty();
		assertThat(this.withdrawal.deletions(decision(false, false), sending())).isEmpty();
		assertThat(this.withdrawal.deletions(new ConsentDecision(1, Instant.EPOCH, ConsentCookies.CONSENT_ID, Map.of()),
				sending("_pk_id.1"))).isEmpty();
	}

	@Test
	void deletionsStopAtFiveKilobytesOfHeadersKeepingEachCookiesPairWhole() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			names.add("_pk_id." + i);
		}

		List<ResponseCookie> deletions = this.withdrawal.deletions(decision(false, false),
				sending(names.toArray(String[]::new)));

		int pair = headerBytes(deletions.subList(0, 2));
		assertThat(headerBytes(deletions)).isLessThanOrEqualTo(5 * 1024).isGreaterThan(5 * 1024 - pair);
		assertThat(deletions).hasSizeGreaterThan(2).extracting(ResponseCookie::getName)
			.containsExactlyElementsOf(names.subList(0, deletions.size() / 2)
				.stream()
				.flatMap((name) -> java.util.stream.Stream.of(name, name))
				.toList());
	}

	@Test
	void deletionsOfExactlyFiveKilobytesAreAllSent() {
		// Cookies whose deletions weigh 5 KB exactly: the same-length names, the last one longer to make up the rest.
		int pair = headerBytes(this.withdrawal.deletions(decision(false, false), sending("_pk_id.aaa")));
		int count = 5 * 1024 / pair;
		if ((5 * 1024 - count * pair) % 2 != 0) {
			count--;
		}
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add(String.format("_pk_id.%03d", i));
		}
		// Each character of a name weighs twice: it is in both deletions of the pair.
		names.set(count - 1, names.get(count - 1) + "x".repeat((5 * 1024 - count * pair) / 2));
		List<String> oneMore = new ArrayList<>(names);
		oneMore.add("_pk_id.z");

		List<ResponseCookie> exact = this.withdrawal.deletions(decision(false, false), sending(names.toArray(String[]::new)));
		List<ResponseCookie> over = this.withdrawal.deletions(decision(false, false),
				sending(oneMore.toArray(String[]::new)));

		assertThat(headerBytes(exact)).isEqualTo(5 * 1024);
		assertThat(exact).hasSize(2 * count);
		assertThat(over).isEqualTo(exact);
	}

}
