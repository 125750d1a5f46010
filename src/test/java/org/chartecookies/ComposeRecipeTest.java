package org.chartecookies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compose.yaml} stays true to the application (no container engine here, so it is read, and the application
 * started with its environment): the image the README builds, the port it listens on, the properties its variables
 * set, the records folder on a named volume, the account and the database password from the env file, and a health
 * check that the started application passes.
 */
class ComposeRecipeTest {

	private static final ObjectMapper YAML = YAMLMapper.builder().build();

	/** {@code ${NAME:?message}} or {@code ${NAME:-default}}, as Compose interpolates them. */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(?::([?-])([^}]*))?}");

	private static JsonNode compose() throws IOException {
		return YAML.readTree(Path.of("compose.yaml").toFile());
	}

	private static JsonNode application() throws IOException {
		return compose().at("/services/charte-cookies");
	}

	/** The env file's example, as a filled-in copy would set it (each empty value given a stand-in). */
	private static Map<String, String> envFile() throws IOException {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("compose.env.example"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				String[] pair = line.split("=", 2);
				values.put(pair[0], pair[1].replace("'", "").isEmpty() ? "filled-in-" + pair[0] : pair[1]);
			}
		}
		return values;
	}

	/** The application's environment, interpolated as Compose does from the env file. */
	private static Map<String, String> environment() throws IOException {
		Map<String, String> env = envFile();
		Map<String, String> environment = new LinkedHashMap<>();
		application().get("environment").properties().forEach((entry) -> {
			Matcher variable = VARIABLE.matcher(entry.getValue().asString());
			StringBuilder value = new StringBuilder();
			while (variable.find()) {
				String set = env.get(variable.group(1));
				assertThat(set != null || "-".equals(variable.group(2))).as(variable.group() + " in compose.env.example")
					.isTrue();
				variable.appendReplacement(value, Matcher.quoteReplacement((set != null) ? set : variable.group(3)));
			}
			variable.appendTail(value);
			environment.put(entry.getKey(), value.toString());
		});
		return environment;
	}

	@Test
	void theImageIsTheOneTheReadmeBuildsListeningOnItsPortOnTheHostsLoopbackOnly() throws IOException {
		Matcher build = Pattern.compile("docker build -t ([a-z0-9._/-]+) \\.").matcher(Files.readString(Path.of("README.md")));
		assertThat(build.find()).isTrue();

		assertThat(application().get("build").asString()).isEqualTo(".");
		assertThat(application().get("image").asString()).isEqualTo(build.group(1));
		assertThat(application().get("ports")).singleElement()
			.satisfies((port) -> assertThat(port.asString())
				.isEqualTo("127.0.0.1:8080:" + environment().getOrDefault("SERVER_PORT", "8080")));
	}

	@Test
	void everyVariableSetsARealPropertyAndSecretsComeFromTheEnvFile() throws IOException {
		Map<String, String> properties = KubernetesManifestsTest.declaredProperties();
		Map<String, String> environment = environment();
		StandardEnvironment bound = new StandardEnvironment();
		bound.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("compose-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new HashMap<>(environment)));
		environment.forEach((name, value) -> {
			// An element of a declared list (charte.admin.accounts[0].name): the list is declared, the element bound.
			Matcher element = Pattern.compile("(.+)_(\\d+)_([A-Z]+)").matcher(name);
			if (element.matches() && properties.containsKey(element.group(1))) {
				String item = properties.get(element.group(1)) + "[" + element.group(2) + "]";
				assertThat(Binder.get(bound).bind(item, Bindable.mapOf(String.class, String.class)).orElse(Map.of())).as(item)
					.containsEntry(element.group(3).toLowerCase(java.util.Locale.ROOT), value);
				return;
			}
			String property = properties.get(name);
			assertThat(property).as(name + " is no declared property").isNotNull();
			assertThat(Binder.get(bound).bind(property, String.class).orElse(null)).as(property).isEqualTo(value);
		});
		String file = Files.readString(Path.of("compose.yaml"));
		for (String secret : new String[] { "SPRING_DATASOURCE_PASSWORD", "CHARTE_ADMIN_ACCOUNTS_0_PASSWORDHASH" }) {
			assertThat(application().at("/environment/" + secret).asString()).as(secret).matches("\\$\\{[A-Z_]+:\\?.*}");
		}
		assertThat(compose().at("/services/postgres/environment/POSTGRES_PASSWORD").asString())
			.isEqualTo(application().at("/environment/SPRING_DATASOURCE_PASSWORD").asString());
		assertThat(file).as("no secret written in the file").doesNotContain("$2a$", "$2y$", "$2b$");
		assertThat(Files.readString(Path.of("compose.env.example"))).doesNotContainPattern("(?m)^[A-Z_]*(PASSWORD|HASH)='?[^'\\s]");
		assertThat(Files.readString(Path.of(".gitignore"))).containsPattern("(?m)^\\.env$");
		assertThat(Files.readString(Path.of(".dockerignore"))).containsPattern("(?m)^\\.env$");
	}

	@Test
	void theRecordsFolderIsANamedVolumeAndTheDatabaseWaitsUntilHealthy() throws IOException {
		String folder = environment().get("CHARTE_RECORDS_FOLDER");

		assertThat(application().get("volumes")).anySatisfy((volume) -> assertThat(volume.asString())
			.matches("[a-z-]+:" + Pattern.quote(folder)));
		String named = application().get("volumes").valueStream().map(JsonNode::asString)
			.filter((volume) -> volume.endsWith(":" + folder)).findFirst().orElseThrow().split(":")[0];
		assertThat(compose().at("/volumes").has(named)).as("declared volume " + named).isTrue();
		assertThat(application().at("/depends_on/postgres/condition").asString()).isEqualTo("service_healthy");
		assertThat(compose().at("/services/postgres/healthcheck/test").isMissingNode()).isFalse();
		assertThat(environment().get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/")
			.endsWith("/" + compose().at("/services/postgres/environment/POSTGRES_DB").asString());
	}

	/**
	 * The health check is the image's script (where the Dockerfile puts it), and the application started with the
	 * file's environment (its embedded database instead of PostgreSQL, the registry as a file) passes it.
	 */
	@Test
	void theStartedApplicationPassesTheHealthCheck(@TempDir Path config) throws Exception {
		JsonNode check = application().at("/healthcheck/test");
		assertThat(check.get(0).asString()).isEqualTo("CMD");
		assertThat(check.get(1).asString()).isEqualTo("/app/healthcheck.sh");
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("healthcheck.sh ./").contains("WORKDIR /app");

		Path registry = config.resolve("cookies.yaml");
		Files.copy(Path.of("src/main/resources/registry/cookies.yaml"), registry);
		Map<String, Object> environment = new HashMap<>(environment());
		environment.keySet().removeIf((name) -> name.startsWith("SPRING_DATASOURCE_"));
		environment.put("SERVER_PORT", "0");
		environment.put("CHARTE_REGISTRY_LOCATION", registry.toString());
		environment.put("CHARTE_RECORDS_FOLDER", config.resolve("data").toString());
		environment.put("CHARTE_ADMIN_ACCOUNTS_0_PASSWORDHASH", "$2a$10$" + "a".repeat(53));
		StandardEnvironment started = new StandardEnvironment();
		started.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("compose-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					environment));
		try (ConfigurableApplicationContext running = new SpringApplicationBuilder(CharteCookiesApplication.class)
			.environment(started)
			.run()) {
			ProcessBuilder health = new ProcessBuilder("bash", "docker/healthcheck.sh");
			health.environment().put("SERVER_PORT", started.getProperty("local.server.port"));
			Process checked = health.start();
			assertThat(checked.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(checked.exitValue()).isZero();
		}
	}

}
