package org.chartecookies.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Fuzzing the consent form through the real controller and Spring's form binding: any set of fields gets a 303 to a
 * page of this site with a valid decision, JSON with a valid decision, or a 400 that sets nothing. Never anything else.
 */
class ConsentFormFuzzTest {

	private static final List<String> FIELDS = List.of("decision", "category", "return", "decision", "category",
			"return", "x");

	private static final List<String> WORDS = List.of("accept-all", "reject-all", "custom", "acknowledge",
			"statistics", "necessary", "/cookies", "//evil.example", "");

	private static final CookieRegistry REGISTRY = Registries.defaultRegistry();

	private static final Set<String> OPTIONAL = REGISTRY.optionalCategories()
		.stream()
		.map(CookieCategory::id)
		.collect(Collectors.toSet());

	private static final MockMvc MVC = standaloneConsentEndpoint();

	private static MockMvc standaloneConsentEndpoint() {
		Clock clock = Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), ZoneOffset.UTC);
		ConsentProperties properties = new ConsentProperties(Period.ofMonths(6), null);
		ConsentCookieReader reader = new ConsentCookieReader(Registries.requestSites(REGISTRY), properties, clock);
		ConsentController controller = new ConsentController(new ConsentDecisionFactory(clock), properties,
				new CookieWithdrawal(Registries.requestSites(REGISTRY)), reader, Registries.requestSites(REGISTRY), new DecisionMetrics(new SimpleMeterRegistry()),
				(event) -> {
				}, new AcceptHeaderLocaleResolver(), SnapshotHashes.NONE);
		return MockMvcBuilders.standaloneSetup(controller).build();
	}

	@FuzzTest(maxDuration = "60s")
	void anyFormGetsADecisionOrACleanRefusal(FuzzedDataProvider data) throws Exception {
		boolean json = data.consumeBoolean();
		MockHttpServletRequestBuilder request = post("/cookies/consent")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(json ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML);
		int fields = data.consumeInt(0, 8);
		for (int i = 0; i < fields; i++) {
			String name = FIELDS.get(data.consumeInt(0, FIELDS.size() - 1));
			String value = data.consumeBoolean() ? WORDS.get(data.consumeInt(0, WORDS.size() - 1))
					: data.consumeString(200);
			request.param(name, value);
		}

		MockHttpServletResponse response = MVC.perform(request).andReturn().getResponse();

		int status = response.getStatus();
		assertThat(status).isIn(200, 303, 400);
		if (status == 400) {
			assertThat(response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
			return;
		}
		assertThat(json).isEqualTo(status == 200);
		ConsentDecision decision = ConsentCookies.decoded(response.getHeaders(HttpHeaders.SET_COOKIE).get(0));
		assertThat(decision.revision()).isEqualTo(REGISTRY.revision());
		assertThat(decision.choices().keySet()).isEqualTo(OPTIONAL);
		if (status == 303) {
			String location = response.getHeader(HttpHeaders.LOCATION);
			assertThat(location).startsWith("/").doesNotStartWith("//").doesNotContain("\\");
			assertThat(location.chars().allMatch((c) -> c > 0x20 && c < 0x7f)).isTrue();
		}
	}

}
