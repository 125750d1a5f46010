package org.chartecookies.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

import org.springframework.core.io.Resource;

/**
 * Reads a registry file strictly: unknown keys, duplicate keys, missing texts and inconsistent references are
 * all refused, each with a message naming the file, the entry and the problem: {@link ParseProblems} says it for a
 * file that cannot be read into a registry, {@link RegistryRules} for a registry that breaks a rule.
 */
class RegistryLoader {

	/** Strict: unknown and duplicate keys are errors. {@link EntryPositions} reads the file's entries with it too. */
	static final YAMLMapper MAPPER = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final RegistryRules rules;

	RegistryLoader(Validator validator) {
		this.rules = new RegistryRules(validator);
	}

	CookieRegistry load(Resource resource) {
		String location = resource.getDescription();
		if (!resource.isReadable()) {
			throw new InvalidRegistryException(location, "the file does not exist or cannot be read");
		}
		try {
			// A registry is a few kilobytes: a device, a pipe or a huge file is refused before it is read whole.
			if (resource.isFile() && !Files.isRegularFile(resource.getFile().toPath())) {
				throw new InvalidRegistryException(location, "not a regular file (a folder, a device or a pipe)");
			}
			byte[] bytes;
			try (InputStream input = resource.getInputStream()) {
				bytes = input.readNBytes((int) RegistryFile.MOST_BYTES + 1);
			}
			if (bytes.length > RegistryFile.MOST_BYTES) {
				throw new InvalidRegistryException(location,
						"the file holds more than the " + RegistryFile.MOST_BYTES + " bytes a registry may hold");
			}
			return load(location, bytes);
		}
		catch (IOException ex) {
			throw new InvalidRegistryException(location, "the file cannot be read: " + ex.getMessage(), ex);
		}
	}

	/** A registry from the bytes of a file already read ({@code location} names it in messages). */
	CookieRegistry load(String location, byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		CookieRegistry registry;
		try (JsonParser parser = MAPPER.createParser(text)) {
			if (parser.nextToken() == null) {
				throw new InvalidRegistryException(location, "the file is empty");
			}
			registry = MAPPER.readValue(parser, CookieRegistry.class);
		}
		catch (JacksonException ex) {
			throw new InvalidRegistryException(location, ParseProblems.describe(ex, text), ex);
		}
		if (registry == null) {
			throw new InvalidRegistryException(location, "the file holds no registry (null)");
		}
		checkNoAlias(location, text);
		EntryPositions positions = EntryPositions.of(text);
		this.rules.check(location, registry, positions);
		return registry;
	}

	/**
	 * The YAML reader gives an alias ({@code *name}) as the anchor's name instead of the value it stands for, so that
	 * the charter would show "name": aliases are refused, with their line.
	 */
	private static void checkNoAlias(String location, String text) {
		try (JsonParser parser = MAPPER.createParser(text)) {
			while (parser.nextToken() != null) {
				if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
					TokenStreamLocation at = yaml.currentTokenLocation();
					throw new InvalidRegistryException(location, "line " + at.getLineNr() + ", column "
							+ at.getColumnNr() + ": an alias (*) is not supported: write the value out in full");
				}
			}
		}
	}

}
