package org.chartecookies;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text a visitor reads comes from the message bundles (or the registry), in both languages.
 */
class I18nPropertiesSyncTest {

	/** Text between tags with at least one letter; Thymeleaf comments and inlined expressions aside. */
	private static final Pattern TEXT = Pattern.compile(">([^<]*\\p{L}[^<]*)<");

	/** Visitor-facing attributes written as plain text instead of th: expressions. */
	private static final Pattern ATTRIBUTE = Pattern.compile("\\s(aria-label|title|alt|placeholder|value)=\"[^\"]*\\p{L}");

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([a-z0-9.-]+)[}(]|#messages\\.msg\\('([a-z0-9.-]+)'");

	@Test
	void bothLanguagesHaveExactlyTheSameKeys() throws IOException {
		Properties french = load("messages/messages.properties");
		Properties english = load("messages/messages_en.properties");

		assertThat(english.stringPropertyNames()).as("keys missing from or extra in messages_en.properties")
			.containsExactlyInAnyOrderElementsOf(french.stringPropertyNames());
		french.forEach((key, value) -> assertThat((String) value).as(key.toString()).isNotBlank());
		english.forEach((key, value) -> assertThat((String) value).as(key.toString()).isNotBlank());
	}

	@Test
	void templatesHoldNoHardCodedText() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Resource template : templates()) {
			String html = withoutComments(template.getContentAsString(StandardCharsets.UTF_8));
			Matcher text = TEXT.matcher(html);
			while (text.find()) {
				problems.add(template.getFilename() + ": text '" + text.group(1).strip() + "'");
			}
			Matcher attribute = ATTRIBUTE.matcher(html);
			while (attribute.find()) {
				String name = attribute.group(1);
				// Form values are machine words (accept-all), not text, unless they are on a visible input.
				if (!name.equals("value")) {
					problems.add(template.getFilename() + ": attribute " + attribute.group().strip());
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	/** The Content-Security-Policy allows our own files only: no inline code may be needed, JavaScript on or off. */
	@Test
	void templatesHoldNoInlineScriptStyleOrEventHandler() throws IOException {
		Pattern inline = Pattern.compile("<script(?![^>]*\\ssrc=|[^>]*\\sth:src=)[^>]*>|<style|\\sstyle=|\\sth:style=|\\son[a-z]+=|javascript:",
				Pattern.CASE_INSENSITIVE);
		List<String> problems = new ArrayList<>();
		for (Resource template : templates()) {
			Matcher found = inline.matcher(withoutComments(template.getContentAsString(StandardCharsets.UTF_8)));
			while (found.find()) {
				problems.add(template.getFilename() + ": " + found.group());
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyMessageKeyUsedInATemplateExists() throws IOException {
		Properties french = load("messages/messages.properties");
		List<String> missing = new ArrayList<>();
		for (Resource template : templates()) {
			Matcher key = MESSAGE_KEY.matcher(template.getContentAsString(StandardCharsets.UTF_8));
			while (key.find()) {
				String name = (key.group(1) != null) ? key.group(1) : key.group(2);
				if (!french.containsKey(name)) {
					missing.add(template.getFilename() + ": " + name);
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	/** The back office names each fault the verification can find, in both languages. */
	@Test
	void everyFaultOfAChainHasItsMessage() throws IOException {
		for (String bundle : List.of("messages/messages.properties", "messages/messages_en.properties")) {
			Properties messages = load(bundle);
			assertThat(java.util.Arrays.stream(org.chartecookies.records.ChainVerification.Fault.values())
				.map((fault) -> "admin.chain." + fault)).as(bundle).allMatch(messages::containsKey);
		}
	}

	private static String withoutComments(String html) {
		return html.replaceAll("(?s)<!--.*?-->", "");
	}

	private static Resource[] templates() throws IOException {
		return new PathMatchingResourcePatternResolver().getResources("classpath:templates/**/*.html");
	}

	private static Properties load(String path) throws IOException {
		Properties properties = new Properties();
		try (InputStreamReader reader = new InputStreamReader(new ClassPathResource(path).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
