package org.chartecookies.consent;

import java.net.URI;

import org.chartecookies.PageText;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SSI include names no page: its proxy does, in {@code X-Charte-Page}, the page's address as the browser asked for
 * it (docs/nginx-example.conf). A {@code return} parameter, which the banner script sends, comes first.
 */
@SpringBootTest
@AutoConfigureMockMvc
class IncludedBannerPageTest {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void theProxysPageIsTheBannersPageWithItsQueryAndSwitch() {
		MvcTestResult banner = this.mvc.get()
			.uri("/cookies/banner")
			.header("X-Charte-Page", "/a%26lang=en/%C3%A9t%C3%A9 b?q=1&cookies=manage")
			.exchange();

		assertThat(banner).hasStatusOk();
		assertThat(banner).headers().hasHeaderSatisfying(HttpHeaders.VARY,
				(vary) -> assertThat(vary).contains("X-Charte-Page"));
		assertThat(PageText.html(banner)).contains("name=\"return\" value=\"/a%26lang=en/%C3%A9t%C3%A9%20b?q=1\"")
			.contains("Tout accepter")
			.contains("<details class=\"cookie-banner__details\" open");
	}

	@Test
	void theReturnParameterComesFirst() {
		MvcTestResult banner = this.mvc.get()
			.uri(URI.create("/cookies/banner?return=%2Fdatasets"))
			.header("X-Charte-Page", "/cookies/banner?return=%2Fdatasets")
			.exchange();

		assertThat(PageText.html(banner)).contains("name=\"return\" value=\"/datasets\"");
	}

	@Test
	void aPageThatWouldLeaveTheSiteIsTheCharter() {
		MvcTestResult banner = this.mvc.get().uri("/cookies/banner").header("X-Charte-Page", "/%2F%2Fevil.example").exchange();

		assertThat(PageText.html(banner)).contains("name=\"return\" value=\"/cookies\"");
	}

}
