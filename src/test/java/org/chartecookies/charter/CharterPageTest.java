package org.chartecookies.charter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.servlet.http.Cookie;
import org.chartecookies.PageText;
import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.LocalizedText;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMockMvc
class CharterPageTest {

	@Autowired
	private MockMvcTester mvc;

	/** The registry the application serves (a single file answering every host). */
	private final CookieRegistry registry = Registries.defaultRegistry();

	@Test
	void frenchCharterShowsEveryParagraphOfTheSourceTextWordForWord() throws IOException {
		String page = PageText.of(body(this.mvc.get().uri("/cookies").exchange()));

		List<String> lines = seedLines();
		// The title, the explanations and the platform heading (its <address> is a link on the page).
		for (String line : lines.subList(0, 10)) {
			assertThat(page).contains(PageText.normalized(line.replaceAll("[<>]", "")));
		}
		// The table: its headers and every cell of the four cookies.
		for (String line : lines.subList(10, lines.size())) {
			for (String cell : line.split("\t")) {
				assertThat(page).contains(PageText.normalized(cell));
			}
		}
	}

	@Test
	void everyRegistryEntryAppearsInItsCategoryInBothLanguages() {
		for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
			String html = body(this.mvc.get().uri("/cookies?lang=" + locale.getLanguage()).exchange());
			for (CookieCategory category : this.registry.categories()) {
				String section = PageText.ofElement(html, "category-" + category.id());
				assertThat(section).contains(category.title().text(locale));
				for (CookieDeclaration cookie : this.registry.cookiesIn(category)) {
					assertThat(section).contains(cookie.name(), cookie.provider(), cookie.service().text(locale),
							cookie.purpose().text(locale));
				}
			}
		}
	}

	@Test
	void lifetimesAreSaidInWordsInTheVisitorsLanguage() {
		String french = PageText.ofElement(body(this.mvc.get().uri("/cookies").exchange()), "category-statistics");
		String english = PageText.ofElement(body(this.mvc.get().uri("/cookies?lang=en").exchange()),
				"category-statistics");

		assertThat(french).contains("13 mois", "30 minutes");
		assertThat(english).contains("13 months", "30 minutes");
	}

	@Test
	void englishPageLeaksNoFrenchText() throws IOException {
		String page = PageText.of(body(this.mvc.get().uri("/cookies?lang=en").exchange()));

		for (String french : frenchOnlyTexts()) {
			assertThat(page).as("English page").doesNotContain(french);
		}
		assertThat(page).contains("Cookie charter", "What is a cookie?", "Provider name");
	}

	@Test
	void frenchPageLeaksNoEnglishText() throws IOException {
		String page = PageText.of(body(this.mvc.get().uri("/cookies").exchange()));

		for (String english : englishOnlyTexts()) {
			assertThat(page).as("French page").doesNotContain(english);
		}
	}

	@Test
	void cookieTablesUseAccessibleMarkup() {
		String html = body(this.mvc.get().uri("/cookies").exchange());

		assertThat(html).contains("<caption").contains("<th scope=\"col\"").contains("<th scope=\"row\"");
		assertThat(countOf(html, "<table")).isEqualTo(this.registry.categories().size());
	}

	@Test
	void pageDeclaresItsLanguageTitleAndAlternates() {
		String french = body(this.mvc.get().uri("/cookies").exchange());
		String english = body(this.mvc.get().uri("/cookies?lang=en").exchange());

		assertThat(french).contains("<html lang=\"fr\">").contains("<title>Charte cookies")
			.contains("hreflang=\"en\" href=\"https://scare.opendatasoft.com/cookies?lang=en\"")
			.contains("hreflang=\"x-default\" href=\"https://scare.opendatasoft.com/cookies\"")
			.contains("<meta name=\"description\" content=\"Les cookies déposés sur votre appareil par Opendatasoft :");
		assertThat(english).contains("<meta name=\"description\" content=\"The cookies Opendatasoft sets");
		assertThat(english).contains("<html lang=\"en\">").contains("<title>Cookie charter");
		assertThat(PageText.of(french)).contains("English");
		assertThat(PageText.of(english)).contains("Français");
	}

	@Test
	void languageComesFromTheParameterThenTheRememberedChoiceThenTheBrowserThenFrench() {
		assertThat(this.mvc.get().uri("/cookies").header("Accept-Language", "en-GB,en;q=0.9").exchange())
			.bodyText().contains("<html lang=\"en\">");
		assertThat(this.mvc.get().uri("/cookies").header("Accept-Language", "de-DE,de;q=0.9").exchange())
			.bodyText().contains("<html lang=\"fr\">");
		assertThat(this.mvc.get().uri("/cookies").header("Accept-Language", "de, en;q=0.5").exchange())
			.bodyText().contains("<html lang=\"en\">");
		assertThat(this.mvc.get().uri("/cookies").cookie(new Cookie("django_language", "en"))
			.header("Accept-Language", "fr").exchange()).bodyText().contains("<html lang=\"en\">");
		assertThat(this.mvc.get().uri("/cookies?lang=fr").cookie(new Cookie("django_language", "en")).exchange())
			.bodyText().contains("<html lang=\"fr\">");
		assertThat(this.mvc.get().uri("/cookies").cookie(new Cookie("django_language", "zz")).exchange())
			.bodyText().contains("<html lang=\"fr\">");
		assertThat(this.mvc.get().uri("/cookies?lang=de").header("Accept-Language", "en").exchange())
			.bodyText().contains("<html lang=\"en\">");
		assertThat(this.mvc.get().uri("/cookies?lang=%00%ff").exchange()).hasStatusOk();
		assertThat(this.mvc.get().uri("/cookies").header("Accept-Language", ";;;q=zz").exchange())
			.bodyText().contains("<html lang=\"fr\">");
	}

	@Test
	void choosingALanguageIsRememberedInThePlatformsLanguageCookie() {
		assertThat(this.mvc.get().uri("/cookies?lang=en").exchange()).cookies()
			.hasValue("django_language", "en");
	}

	@Test
	void rootRedirectsToTheCharter() {
		assertThat(this.mvc.get().uri("/").exchange()).hasStatus3xxRedirection().hasRedirectedUrl("/cookies");
	}

	@Test
	void rootKeepsItsQueryWhenItRedirects() {
		assertThat(this.mvc.get().uri("/?cookies=manage&lang=en").exchange())
			.hasRedirectedUrl("/cookies?cookies=manage&lang=en");
	}

	@Test
	void bootstrapIsServedFromItsVersionAgnosticWebJarUrl() {
		assertThat(this.mvc.get().uri("/webjars/bootstrap/css/bootstrap.min.css").exchange()).hasStatusOk();
	}

	private static String body(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return PageText.html(result);
	}

	private static int countOf(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

	static List<String> seedLines() throws IOException {
		String seed = new ClassPathResource("seed/charte-cookies-fr.txt").getContentAsString(StandardCharsets.UTF_8);
		return seed.lines().filter((line) -> !line.isBlank()).toList();
	}

	/** Texts of the French bundle and registry that differ from their English counterparts. */
	private List<String> frenchOnlyTexts() throws IOException {
		return onlyIn(Locale.FRENCH);
	}

	private List<String> englishOnlyTexts() throws IOException {
		return onlyIn(Locale.ENGLISH);
	}

	private List<String> onlyIn(Locale locale) throws IOException {
		Properties french = load("messages/messages.properties");
		Properties english = load("messages/messages_en.properties");
		List<String> texts = new ArrayList<>();
		for (String key : french.stringPropertyNames()) {
			String fr = french.getProperty(key);
			String en = english.getProperty(key);
			String text = locale.equals(Locale.FRENCH) ? fr : en;
			// Texts with arguments are checked through their rendered forms elsewhere; short words may be shared.
			if (!fr.equals(en) && !text.contains("{") && text.length() > 12) {
				texts.add(text);
			}
		}
		for (CookieCategory category : this.registry.categories()) {
			addIfDifferent(texts, category.title(), locale);
			addIfDifferent(texts, category.description(), locale);
		}
		for (CookieDeclaration cookie : this.registry.cookies()) {
			addIfDifferent(texts, cookie.service(), locale);
			addIfDifferent(texts, cookie.purpose(), locale);
		}
		return texts;
	}

	private static void addIfDifferent(List<String> texts, LocalizedText text, Locale locale) {
		if (!text.fr().equals(text.en())) {
			texts.add(text.text(locale));
		}
	}

	private static Properties load(String path) throws IOException {
		Properties properties = new Properties();
		try (InputStream input = new ClassPathResource(path).getInputStream()) {
			properties.load(new java.io.InputStreamReader(input, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
