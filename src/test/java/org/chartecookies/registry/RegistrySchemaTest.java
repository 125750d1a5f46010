package org.chartecookies.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema that editors use to check a registry agrees with the application: what the application accepts,
 * the schema accepts; what the schema can express and the application refuses, the schema refuses too.
 */
class RegistrySchemaTest {

	private static final Schema SCHEMA = schema();

	@ParameterizedTest
	@ValueSource(strings = { "registry/cookies.yaml", "registries/two-optional-categories.yaml",
			"registries/necessary-only.yaml", "registries/embeds.yaml" })
	void registriesTheApplicationAcceptsAreValid(String path) throws IOException {
		assertThat(errors(path)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "missing-translation.yaml", "empty-purpose.yaml", "invalid-lifetime.yaml",
			"no-required-category.yaml", "unknown-key.yaml", "site-url-javascript.yaml",
			"misindented-translation.yaml", "privacy-policy-http.yaml", "privacy-policy-javascript.yaml",
			"privacy-policy-other-host.yaml", "consent-mode-unknown-type.yaml", "embed-origin-with-path.yaml",
			"embed-without-origins.yaml", "consent-mode-repeated.yaml", "audit-page-not-http.yaml" })
	void brokenRegistriesAreInvalid(String file) throws IOException {
		assertThat(errors("registries/broken/" + file)).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "examples/sites/opendata.yaml", "examples/sites/shop.yaml" })
	void theExampleSitesAreValid(String path) throws IOException {
		assertThat(SCHEMA.validate(java.nio.file.Files.readString(java.nio.file.Path.of(path)), InputFormat.YAML))
			.isEmpty();
	}

	@Test
	void aSiteDeclaresHostsCookieDomainAndTrustedOriginsInTheirOwnShape() {
		String site = "site: {name: S, url: 'https://s.example.org', hosts: [%s], cookieDomain: '%s', trustedOrigins: [%s]}\n"
				+ "revision: 1\ncategories: [{id: n, required: true, title: {fr: a, en: a}, description: {fr: a, en: a}}]\n"
				+ "cookies: [{name: c, provider: p, category: n, service: {fr: a, en: a}, purpose: {fr: a, en: a}, lifetime: P1D}]\n";

		assertThat(SCHEMA.validate(site.formatted("s.example.org", "example.org", "'https://pay.example.org'"),
				InputFormat.YAML)).isEmpty();
		assertThat(SCHEMA.validate(site.formatted("'S.example.org:8080'", "example.org", "'https://pay.example.org'"),
				InputFormat.YAML)).isNotEmpty();
		assertThat(SCHEMA.validate(site.formatted("s.example.org", "exa mple", "'https://pay.example.org'"),
				InputFormat.YAML)).isNotEmpty();
		assertThat(SCHEMA.validate(site.formatted("s.example.org", "example.org", "'https://pay.example.org/path'"),
				InputFormat.YAML)).isNotEmpty();
	}

	@Test
	void theAuditsPagesAreWebAddresses() {
		String registry = "site: {name: S, url: 'https://s.example.org'}\naudit: {pages: [%s]}\n"
				+ "revision: 1\ncategories: [{id: n, required: true, title: {fr: a, en: a}, description: {fr: a, en: a}}]\n"
				+ "cookies: [{name: c, provider: p, category: n, service: {fr: a, en: a}, purpose: {fr: a, en: a}, lifetime: P1D}]\n";

		assertThat(SCHEMA.validate(registry.formatted("'https://s.example.org/', 'http://s.example.org:8080/a?b=c'"),
				InputFormat.YAML)).isEmpty();
		assertThat(SCHEMA.validate(registry.formatted("'/search'"), InputFormat.YAML)).isNotEmpty();
		assertThat(SCHEMA.validate(registry.formatted("'https://me@s.example.org/'"), InputFormat.YAML)).isNotEmpty();
		assertThat(SCHEMA.validate(registry.formatted("'https://s.example.org/'").replace("{pages:", "{page:"),
				InputFormat.YAML)).isNotEmpty();
	}

	@Test
	void defaultRegistryPointsEditorsAtTheSchema() throws IOException {
		String registry = new ClassPathResource("registry/cookies.yaml").getContentAsString(StandardCharsets.UTF_8);

		assertThat(registry.lines().findFirst()).hasValue("# yaml-language-server: $schema=./cookie-registry.schema.json");
		assertThat(new ClassPathResource("registry/cookie-registry.schema.json").exists()).isTrue();
	}

	private static List<Error> errors(String path) throws IOException {
		return SCHEMA.validate(new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8),
				InputFormat.YAML);
	}

	private static Schema schema() {
		try (InputStream input = new ClassPathResource("registry/cookie-registry.schema.json").getInputStream()) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(input);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
