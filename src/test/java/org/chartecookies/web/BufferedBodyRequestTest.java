package org.chartecookies.web;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The received body is replayed, and a form's fields are read as Tomcat reads them: the same fields, the same
 * refusals.
 */
class BufferedBodyRequestTest {

	@Test
	void formFieldsFollowTheQueryStringsAsTheContainerOrdersThem() {
		BufferedBodyRequest request = received("POST", "application/x-www-form-urlencoded; charset=UTF-8",
				"decision=custom&category=statistics&category=video&return=%2Fcaf%C3%A9%3Fa%3Db+c&lang=en");

		assertThat(request.getParameter("decision")).isEqualTo("custom");
		assertThat(request.getParameterValues("category")).containsExactly("statistics", "video");
		assertThat(request.getParameter("return")).isEqualTo("/café?a=b c");
		assertThat(request.getParameterValues("lang")).containsExactly("fr", "en");
		assertThat(request.getParameter("lang")).isEqualTo("fr");
		assertThat(Collections.list(request.getParameterNames())).containsExactly("lang", "decision", "category",
				"return");
		assertThat(request.getParameterMap()).containsOnlyKeys("lang", "decision", "category", "return");
	}

	@Test
	void fieldsAMockRequestAlreadyParsedAreNotRepeated() {
		MockHttpServletRequest mock = request("POST", "application/x-www-form-urlencoded");
		mock.addParameter("decision", "custom");
		mock.addParameter("category", "statistics");
		BufferedBodyRequest request = new BufferedBodyRequest(mock);
		request.receive("decision=custom&category=statistics".getBytes(StandardCharsets.ISO_8859_1));

		assertThat(request.getParameterValues("decision")).containsExactly("custom");
		assertThat(request.getParameterValues("category")).containsExactly("statistics");
	}

	@Test
	void fieldsWithoutValueAndEmptyPiecesAreReadAsTomcatReadsThem() {
		BufferedBodyRequest request = received("POST", "application/x-www-form-urlencoded",
				"&&decision=accept-all&&flag&equation=a=b&");

		assertThat(request.getParameter("decision")).isEqualTo("accept-all");
		assertThat(request.getParameter("flag")).isEmpty();
		assertThat(request.getParameter("equation")).isEqualTo("a=b");
	}

	@ParameterizedTest
	@ValueSource(strings = { "decision=accept-all&x=%ZZ", "decision=accept-all&x=%", "decision=accept-all&x=%4",
			"decision=accept-all&=x", "decision=%C3%28%FF", "decision=reject-all&return=/%FF%FE%C3" })
	void formsTomcatRefusesAreRefused(String form) {
		BufferedBodyRequest request = new BufferedBodyRequest(request("POST", "application/x-www-form-urlencoded"));

		assertThat(request.receive(form.getBytes(StandardCharsets.ISO_8859_1))).isFalse();
	}

	@Test
	void moreThanAThousandFieldsAreRefusedAsByTomcat() {
		String thousand = IntStream.range(0, 1000).mapToObj((i) -> "f" + i + "=1").collect(Collectors.joining("&"));

		assertThat(new BufferedBodyRequest(request("POST", "application/x-www-form-urlencoded"))
			.receive(thousand.getBytes(StandardCharsets.ISO_8859_1))).isTrue();
		assertThat(new BufferedBodyRequest(request("POST", "application/x-www-form-urlencoded"))
			.receive((thousand + "&one=more").getBytes(StandardCharsets.ISO_8859_1))).isFalse();
	}

	@Test
	void otherBodiesAndBodiesOfGetsAreReplayedButHaveNoFields() throws Exception {
		BufferedBodyRequest json = received("POST", "application/json", "{\"decision\":\"accept-all\"}");
		BufferedBodyRequest get = received("GET", "application/x-www-form-urlencoded", "decision=accept-all");

		assertThat(json.getParameterMap()).containsOnlyKeys("lang");
		assertThat(json.getInputStream().readAllBytes()).asString(StandardCharsets.UTF_8)
			.isEqualTo("{\"decision\":\"accept-all\"}");
		assertThat(json.getContentLength()).isEqualTo(25);
		assertThat(get.getParameter("decision")).isNull();
		assertThat(get.getReader().readLine()).isEqualTo("decision=accept-all");
	}

	@Test
	void aFormBodyIsStillReadableAsBytes() throws Exception {
		BufferedBodyRequest request = received("POST", "application/x-www-form-urlencoded", "decision=accept-all");

		assertThat(request.getInputStream().readAllBytes()).asString(StandardCharsets.ISO_8859_1)
			.isEqualTo("decision=accept-all");
		assertThat(request.getInputStream().isFinished()).isTrue();
	}

	private static BufferedBodyRequest received(String method, String contentType, String body) {
		BufferedBodyRequest request = new BufferedBodyRequest(request(method, contentType));
		assertThat(request.receive(body.getBytes(StandardCharsets.ISO_8859_1))).isTrue();
		return request;
	}

	/** A request as the container shows it once its body stream was taken: the query string's parameters only. */
	private static MockHttpServletRequest request(String method, String contentType) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/cookies/consent");
		request.setContentType(contentType);
		request.setCharacterEncoding("UTF-8");
		request.setQueryString("lang=fr");
		request.addParameter("lang", "fr");
		return request;
	}

}
