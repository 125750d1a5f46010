package org.chartecookies;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests ({@code deploy/kubernetes/}) stay true to the application: the ports it listens on, the
 * probe paths it answers, the properties its environment variables set, the registry it ships, the image the README
 * builds, and a file system it can run on read-only.
 */
class KubernetesManifestsTest {

	private static final Path FOLDER = Path.of("deploy", "kubernetes");

	private static final ObjectMapper YAML = YAMLMapper.builder().build();

	/** Variables that are no Spring property, and who reads them. */
	private static final Map<String, String> NOT_PROPERTIES = Map.of("JAVA_OPTS", "docker/start.sh",
			"MALLOC_ARENA_MAX", "glibc");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** Spring Boot maps a source of this name as it maps the process's environment (dashes dropped, and so on). */
	private static final String AS_ENVIRONMENT = "deployment-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

	private static JsonNode manifest(String file) throws IOException {
		return YAML.readTree(FOLDER.resolve(file).toFile());
	}

	private static JsonNode container() throws IOException {
		JsonNode containers = manifest("deployment.yaml").at("/spec/template/spec/containers");
		assertThat(containers.size()).isEqualTo(1);
		return containers.get(0);
	}

	/** The container's environment; values from the Secret are read from secret.yaml. */
	private static Map<String, String> environment() throws IOException {
		JsonNode secret = manifest("secret.yaml");
		Map<String, String> environment = new LinkedHashMap<>();
		for (JsonNode variable : container().get("env")) {
			JsonNode fromSecret = variable.at("/valueFrom/secretKeyRef");
			if (fromSecret.isMissingNode()) {
				environment.put(variable.get("name").asString(), variable.get("value").asString());
			}
			else {
				assertThat(fromSecret.get("name").asString()).isEqualTo(secret.at("/metadata/name").asString());
				JsonNode value = secret.at("/stringData/" + fromSecret.get("key").asString());
				// An optional key the example Secret leaves out (the back-office account) sets nothing.
				if (value.isMissingNode() && fromSecret.path("optional").asBoolean(false)) {
					continue;
				}
				assertThat(value.isMissingNode()).as("secret key " + fromSecret.get("key")).isFalse();
				environment.put(variable.get("name").asString(), value.asString());
			}
		}
		return environment;
	}

	private static int containerPort(String name) throws IOException {
		for (JsonNode port : container().get("ports")) {
			if (port.get("name").asString().equals(name)) {
				return port.get("containerPort").asInt();
			}
		}
		throw new AssertionError("no container port named " + name);
	}

	@Test
	void everyManifestIsAppliedAndEachKindIsThere() throws IOException {
		List<String> listed = new ArrayList<>();
		manifest("kustomization.yaml").get("resources").forEach((resource) -> listed.add(resource.asString()));
		List<String> files;
		try (Stream<Path> all = Files.list(FOLDER)) {
			files = all.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
				.toList();
		}
		assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
		Set<String> kinds = new HashSet<>();
		for (String file : files) {
			kinds.add(manifest(file).get("kind").asString());
		}
		assertThat(kinds).contains("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler",
				"ConfigMap", "Secret");
	}

	@Test
	void portsAreTheApplicationsAndOnlyTheVisitorsPortIsPublished() throws IOException {
		Map<String, String> environment = environment();
		JsonNode service = manifest("service.yaml");

		assertThat(containerPort("http")).as("server.port")
			.isEqualTo(Integer.parseInt(environment.getOrDefault("SERVER_PORT", "8080")));
		assertThat(containerPort("management")).as("management.server.port")
			.isEqualTo(Integer.parseInt(environment.get("MANAGEMENT_SERVER_PORT")));
		assertThat(service.at("/spec/ports").size()).isEqualTo(1);
		assertThat(service.at("/spec/ports/0/targetPort").asString()).isEqualTo("http");
		assertThat(manifest("deployment.yaml").at("/spec/template/metadata/annotations/prometheus.io~1port").asString())
			.isEqualTo(String.valueOf(containerPort("management")));
	}

	@Test
	void selectorsAndTargetsNameTheDeploymentsPods() throws IOException {
		JsonNode deployment = manifest("deployment.yaml");
		JsonNode labels = deployment.at("/spec/template/metadata/labels");

		assertThat(deployment.at("/spec/selector/matchLabels")).isEqualTo(labels);
		assertThat(manifest("service.yaml").at("/spec/selector")).isEqualTo(labels);
		assertThat(manifest("poddisruptionbudget.yaml").at("/spec/selector/matchLabels")).isEqualTo(labels);
		assertThat(manifest("networkpolicy.yaml").at("/spec/podSelector/matchLabels")).isEqualTo(labels);
		JsonNode target = manifest("horizontalpodautoscaler.yaml").at("/spec/scaleTargetRef");
		assertThat(target.get("kind").asString()).isEqualTo("Deployment");
		assertThat(target.get("name").asString()).isEqualTo(deployment.at("/metadata/name").asString());
		assertThat(manifest("horizontalpodautoscaler.yaml").at("/spec/minReplicas").asInt())
			.as("the disruption budget keeps one while another is drained")
			.isGreaterThan(manifest("poddisruptionbudget.yaml").at("/spec/minAvailable").asInt());
		assertThat(container().at("/resources/requests/cpu").isMissingNode()).as("the autoscaler's measure").isFalse();
	}

	/**
	 * Each variable sets a property the application or Spring Boot declares (in the configuration metadata the
	 * application and Boot's jars ship), under exactly the name Spring's binding from the environment gives it.
	 */
	@Test
	void everyVariableSetsARealProperty() throws IOException {
		Map<String, String> properties = declaredProperties();
		Map<String, String> environment = environment();
		StandardEnvironment bound = new StandardEnvironment();
		bound.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(AS_ENVIRONMENT, new HashMap<>(environment)));
		for (Map.Entry<String, String> variable : environment.entrySet()) {
			if (NOT_PROPERTIES.containsKey(variable.getKey())) {
				continue;
			}
			String property = properties.get(variable.getKey());
			assertThat(property).as(variable.getKey() + " is no declared property").isNotNull();
			assertThat(Binder.get(bound).bind(property, String.class).orElse(null)).as(property)
				.isEqualTo(variable.getValue());
		}
	}

	/** Declared property names, by the environment variable that sets each (upper case, '.' to '_', no '-'). */
	static Map<String, String> declaredProperties() throws IOException {
		Map<String, String> properties = new HashMap<>();
		ObjectMapper json = JsonMapper.builder().build();
		Enumeration<URL> files = KubernetesManifestsTest.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (files.hasMoreElements()) {
			try (InputStream in = files.nextElement().openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					String name = property.get("name").asString();
					properties.put(name.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT), name);
				}
			}
		}
		assertThat(properties).containsKeys("CHARTE_RECORDS_FOLDER", "SERVER_PORT");
		return properties;
	}

	/**
	 * The back-office account comes from the Secret's optional keys, into the first account of
	 * {@code charte.admin.accounts}, as Spring binds the environment; without them the back office is off.
	 */
	@Test
	void theBackOfficeAccountComesFromTheSecretsOptionalKeys() throws IOException {
		Map<String, String> keys = new LinkedHashMap<>();
		for (JsonNode variable : container().get("env")) {
			String name = variable.get("name").asString();
			if (name.startsWith("CHARTE_ADMIN_")) {
				JsonNode fromSecret = variable.at("/valueFrom/secretKeyRef");
				assertThat(fromSecret.get("name").asString()).isEqualTo(manifest("secret.yaml").at("/metadata/name").asString());
				assertThat(fromSecret.get("optional").asBoolean()).as(name).isTrue();
				keys.put(name, fromSecret.get("key").asString());
			}
		}
		assertThat(keys).containsOnlyKeys("CHARTE_ADMIN_ACCOUNTS_0_NAME", "CHARTE_ADMIN_ACCOUNTS_0_PASSWORDHASH");
		assertThat(declaredProperties()).containsEntry("CHARTE_ADMIN_ACCOUNTS", "charte.admin.accounts");
		StandardEnvironment bound = new StandardEnvironment();
		bound.getPropertySources().addFirst(new SystemEnvironmentPropertySource(AS_ENVIRONMENT,
				Map.of("CHARTE_ADMIN_ACCOUNTS_0_NAME", "operator", "CHARTE_ADMIN_ACCOUNTS_0_PASSWORDHASH", "hash")));
		assertThat(Binder.get(bound).bind("charte.admin.accounts[0]", Bindable.mapOf(String.class, String.class)).get())
			.containsEntry("name", "operator")
			.containsEntry("passwordhash", "hash");
		assertThat(Files.readString(FOLDER.resolve("secret.yaml"))).contains(keys.values())
			.contains("hash-password");
	}

	@Test
	void theConfigMapHoldsTheDefaultRegistryByteForByteWhereTheApplicationReadsIt() throws IOException {
		JsonNode configMap = manifest("configmap.yaml");
		String registry = Files.readString(Path.of("src/main/resources/registry/cookies.yaml"), StandardCharsets.UTF_8);
		String location = environment().get("CHARTE_REGISTRY_LOCATION");

		assertThat(configMap.at("/data/cookies.yaml").asString()).isEqualTo(registry);
		assertThat(location).isEqualTo(mountPath("registry") + "/cookies.yaml");
		assertThat(manifest("deployment.yaml").at("/spec/template/spec/volumes").findValues("configMap"))
			.anySatisfy((map) -> assertThat(map.get("name").asString())
				.isEqualTo(configMap.at("/metadata/name").asString()));
	}

	private static String mountPath(String volume) throws IOException {
		for (JsonNode mount : container().get("volumeMounts")) {
			if (mount.get("name").asString().equals(volume)) {
				return mount.get("mountPath").asString();
			}
		}
		throw new AssertionError("no volume mount " + volume);
	}

	@Test
	void theImageIsTheOneTheReadmeBuildsAndRunsAsItsNonRootUserOnAReadOnlyFileSystem() throws IOException {
		String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		Matcher build = Pattern.compile("docker build -t ([a-z0-9._/-]+) \\.").matcher(readme);
		assertThat(build.find()).isTrue();
		String image = container().get("image").asString().replaceAll(":[^:/]+$", "").replaceAll("^.*/", "");
		assertThat(image).isEqualTo(build.group(1));

		Matcher uid = Pattern.compile("--uid (\\d+)").matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(uid.find()).isTrue();
		JsonNode pod = manifest("deployment.yaml").at("/spec/template/spec/securityContext");
		assertThat(pod.get("runAsNonRoot").asBoolean()).isTrue();
		assertThat(pod.get("runAsUser").asString()).isEqualTo(uid.group(1));
		assertThat(container().at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(container().at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
		// Where the application writes: the records' folder (the file of waiting decisions) and the JVM's and
		// Tomcat's temporary files.
		assertThat(mountPath("data")).isEqualTo(environment().get("CHARTE_RECORDS_FOLDER"));
		assertThat(mountPath("tmp")).isEqualTo("/tmp");
		assertThat(manifest("deployment.yaml").at("/spec/template/spec/volumes").findValues("emptyDir")).hasSize(2);
	}

	/**
	 * The application started with the Deployment's environment (its ports chosen free, its embedded database instead
	 * of the Secret's PostgreSQL, the ConfigMap's registry as a file) answers 200 on every probe's path and port, and
	 * its visitors' port serves the charter but no actuator endpoint.
	 */
	@Test
	void theProbesPathsAnswerOnAStartedApplication(@TempDir Path config) throws Exception {
		Path registry = config.resolve("cookies.yaml");
		Files.writeString(registry, manifest("configmap.yaml").at("/data/cookies.yaml").asString());
		Map<String, Object> environment = new HashMap<>(environment());
		environment.keySet().removeIf((name) -> name.startsWith("SPRING_DATASOURCE_"));
		environment.put("SERVER_PORT", "0");
		environment.put("MANAGEMENT_SERVER_PORT", "0");
		environment.put("CHARTE_REGISTRY_LOCATION", registry.toString());
		environment.put("CHARTE_RECORDS_FOLDER", config.resolve("data").toString());
		StandardEnvironment started = new StandardEnvironment();
		started.getPropertySources().addFirst(new SystemEnvironmentPropertySource(AS_ENVIRONMENT, environment));

		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(CharteCookiesApplication.class)
			.environment(started)
			.run()) {
			int port = Integer.parseInt(started.getProperty("local.server.port"));
			int management = Integer.parseInt(started.getProperty("local.management.port"));
			JsonNode spec = container();
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat(spec.at("/" + probe + "/httpGet/port").asString()).as(probe).isEqualTo("management");
				String path = spec.at("/" + probe + "/httpGet/path").asString();
				assertThat(get(management, path).statusCode()).as(probe + " " + path).isEqualTo(200);
				assertThat(get(port, path).statusCode()).as(path + " on the visitors' port").isEqualTo(404);
			}
			String scraped = manifest("deployment.yaml").at("/spec/template/metadata/annotations/prometheus.io~1path")
				.asString();
			assertThat(get(management, scraped).statusCode()).as("the scraper's " + scraped).isEqualTo(200);
			assertThat(get(port, scraped).statusCode()).isEqualTo(404);
			assertThat(get(port, "/cookies").statusCode()).isEqualTo(200);
		}
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
