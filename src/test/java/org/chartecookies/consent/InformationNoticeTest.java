package org.chartecookies.consent;

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
 * A platform that only sets strictly necessary cookies needs no consent: the banner only informs.
 */
@SpringBootTest(properties = "charte.registry.location=classpath:registries/necessary-only.yaml")
@AutoConfigureMockMvc
class InformationNoticeTest {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void bannerIsAnInformationNoticeWithoutAnyChoice() {
		String html = PageText.html(this.mvc.get().uri("/cookies").exchange());
		String banner = PageText.ofElement(html, "cookie-banner");

		assertThat(banner).contains("Cette plateforme n'utilise que des cookies nécessaires", "J'ai compris")
			.doesNotContain("Tout accepter", "Tout refuser", "Personnaliser");
		assertThat(html).doesNotContain("name=\"category\"");
		assertThat(PageText.of(html)).contains("aucun choix n'est demandé");
	}

	@Test
	void acknowledgingTheNoticeHidesIt() {
		MvcTestResult answer = this.mvc.post()
			.uri("/cookies/consent")
			.param("decision", "acknowledge")
			.param("return", "/cookies?lang=en")
			.exchange();

		assertThat(answer).hasStatus(303).hasRedirectedUrl("/cookies?lang=en");
		String header = answer.getResponse().getHeader(HttpHeaders.SET_COOKIE);
		assertThat(ConsentCookies.decoded(header).choices()).isEmpty();
		String value = header.substring(header.indexOf('=') + 1, header.indexOf(';'));
		assertThat(PageText.html(this.mvc.get().uri("/cookies").cookie(ConsentCookies.cookie(value)).exchange()))
			.doesNotContain("id=\"cookie-banner\"");
	}

}
