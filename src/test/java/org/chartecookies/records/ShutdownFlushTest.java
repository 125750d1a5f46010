package org.chartecookies.records;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chartecookies.CharteCookiesApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application shuts down while visitors are deciding: every decision it answered is in the database when it has
 * stopped (the writer stops after the web server, and writes what waits), none left behind in the file.
 */
class ShutdownFlushTest {

	private static final Pattern CONSENT_ID = Pattern.compile("cookies_preferences=[^;]*&id=([A-Za-z0-9_-]{22})&");

	@TempDir
	Path folder;

	@Test
	void everyDecisionAnsweredBeforeShutdownIsInTheDatabaseAfterIt() throws Exception {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		ConfigurableApplicationContext application = new SpringApplicationBuilder(CharteCookiesApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + url, "--charte.records.folder=" + this.folder,
				"--spring.main.banner-mode=off");
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Set<String> answered = ConcurrentHashMap.newKeySet();
		ExecutorService visitors = Executors.newFixedThreadPool(4);
		List<Future<?>> running = new ArrayList<>();
		try {
			for (int v = 0; v < 4; v++) {
				running.add(visitors.submit(() -> {
					// Until the server stops answering; bounded all the same.
					for (int i = 0; i < 100_000; i++) {
						try {
							HttpResponse<Void> answer = http.send(HttpRequest
								.newBuilder(URI.create("http://localhost:" + port + "/cookies/consent"))
								.header("Content-Type", "application/x-www-form-urlencoded")
								.timeout(Duration.ofSeconds(10))
								.POST(HttpRequest.BodyPublishers.ofString("decision=reject-all"))
								.build(), HttpResponse.BodyHandlers.discarding());
							Matcher id = CONSENT_ID.matcher(answer.headers().firstValue("Set-Cookie").orElse(""));
							if (answer.statusCode() == 303 && id.find()) {
								answered.add(id.group(1));
							}
							else {
								return null;
							}
						}
						catch (Exception ex) {
							return null;
						}
					}
					return null;
				}));
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 300);
			application.close();
			for (Future<?> visitor : running) {
				visitor.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			visitors.shutdownNow();
		}

		RecordStore store = Records.store(new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", ""));
		JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", ""));
		List<String> recorded = jdbc.sql("SELECT consent_id FROM consent_record").query(String.class).list();
		assertThat(recorded).containsAll(answered);
		// A decision made while its visitor's connection was being closed may be recorded without its answer arriving.
		assertThat(recorded.size() - answered.size()).isBetween(0, 4);
		assertThat(Files.exists(this.folder.resolve("pending-records.txt"))).isFalse();
		assertThat(new ChainVerification(store).verify().verified()).isTrue();
	}

}
