package org.chartecookies.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.LineNumberReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The texts of every page: the application's own (French in {@code messages/messages.properties}, English in
 * {@code messages_en.properties}), under the operator's where {@code charte.messages.location} names a pair of files
 * outside the jar. Those are read strictly at start-up, as the registry is: an unknown key, a blank text or a text
 * given in one language only stops the application with one message.
 */
@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

	static final String DEFAULT = "classpath:messages/messages";

	@Bean
	MessageSource messageSource(MessagesProperties properties, ResourceLoader resources) {
		ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
		messages.setResourceLoader(resources);
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		// Never the server's own language: French is the base bundle.
		messages.setFallbackToSystemLocale(false);
		String location = properties.location();
		if (location != null && !location.isBlank()) {
			check(location.strip(), resources);
			messages.setBasenames(location.strip(), DEFAULT);
		}
		else {
			messages.setBasenames(DEFAULT);
		}
		return messages;
	}

	/** Both languages, known keys only, no blank text, and each key in both files. */
	static void check(String location, ResourceLoader resources) {
		Map<String, Integer> known = keys(new ClassPathResource("messages/messages.properties"), "messages.properties");
		Resource french = resources.getResource(location + ".properties");
		Resource english = resources.getResource(location + "_en.properties");
		String frenchName = french.getDescription();
		String englishName = english.getDescription();
		if (!french.exists() && !english.exists()) {
			throw new InvalidMessagesException(location, "neither " + frenchName + " nor " + englishName + " exists");
		}
		Map<String, Integer> frenchKeys = french.exists() ? keys(french, frenchName) : Map.of();
		Map<String, Integer> englishKeys = english.exists() ? keys(english, englishName) : Map.of();
		Map<String, Map<String, Integer>> files = new LinkedHashMap<>();
		files.put(frenchName, frenchKeys);
		files.put(englishName, englishKeys);
		for (Map.Entry<String, Map<String, Integer>> file : files.entrySet()) {
			for (Map.Entry<String, Integer> key : file.getValue().entrySet()) {
				if (!known.containsKey(key.getKey())) {
					throw new InvalidMessagesException(file.getKey(), "line " + key.getValue() + ": unknown key '"
							+ key.getKey() + "' (the keys are those of the application's messages.properties)");
				}
			}
		}
		missing(frenchKeys, englishKeys, frenchName, englishName, "English");
		missing(englishKeys, frenchKeys, englishName, frenchName, "French");
	}

	private static void missing(Map<String, Integer> keys, Map<String, Integer> other, String file, String otherFile,
			String language) {
		for (Map.Entry<String, Integer> key : keys.entrySet()) {
			if (!other.containsKey(key.getKey())) {
				throw new InvalidMessagesException(file, "line " + key.getValue() + ": '" + key.getKey()
						+ "' has no " + language + " text: add it to " + otherFile);
			}
		}
	}

	/** Each key of a properties file and its line; a blank text is refused. */
	private static Map<String, Integer> keys(Resource resource, String name) {
		Properties values = new Properties();
		Map<String, Integer> lines = new LinkedHashMap<>();
		try (InputStream input = resource.getInputStream()) {
			byte[] bytes = input.readAllBytes();
			values.load(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
			LineNumberReader reader = new LineNumberReader(
					new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
			boolean continued = false;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String trimmed = line.strip();
				if (!continued && !trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!")) {
					String key = trimmed.split("\\s*[=:\\s]", 2)[0];
					lines.putIfAbsent(key, reader.getLineNumber());
				}
				// A line ending with a backslash goes on on the next one.
				continued = trimmed.endsWith("\\");
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new InvalidMessagesException(name, "cannot be read: " + ex.getMessage());
		}
		for (String key : values.stringPropertyNames()) {
			lines.putIfAbsent(key, 0);
			if (values.getProperty(key).isBlank()) {
				throw new InvalidMessagesException(name, "line " + lines.get(key) + ": '" + key + "' is blank");
			}
		}
		lines.keySet().retainAll(values.stringPropertyNames());
		return lines;
	}

}
