package org.chartecookies.admin;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.chartecookies.CharteCookiesApplication;
import org.chartecookies.records.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas on one PostgreSQL, behind a load balancer that sends each request of one browser to either: the
 * back office's session is the database's, so logged in on one is logged in on the other, and logged out on one is
 * logged out on both.
 */
class BackOfficeReplicasTest {

	@Test
	void aSessionStartedOnOneReplicaIsServedByTheOtherAndEndedOnBoth(@TempDir Path folders) throws Exception {
		try (PostgresCluster database = PostgresCluster.start();
				ConfigurableApplicationContext first = replica(database, folders.resolve("first"));
				ConfigurableApplicationContext second = replica(database, folders.resolve("second"))) {
			Operator onFirst = new Operator(port(first), "198.51.100.40");
			Operator onSecond = onFirst.at(port(second));

			assertThat(onSecond.get("/admin").statusCode()).as("not logged in yet").isEqualTo(302);
			assertThat(onFirst.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
			assertThat(onSecond.get("/admin").statusCode()).as("logged in on the first, served by the second")
				.isEqualTo(200);
			String dashboard = onFirst.get("/admin").body();

			assertThat(onSecond.post("/admin/logout", "_csrf=" + Operator.encode(Operator.token(dashboard))).statusCode())
				.isEqualTo(302);
			assertThat(onFirst.get("/admin").statusCode()).as("logged out on the second, out on the first")
				.isEqualTo(302);
			assertThat(onSecond.get("/admin").statusCode()).isEqualTo(302);
		}
	}

	private static ConfigurableApplicationContext replica(PostgresCluster database, Path folder) throws IOException {
		Properties accounts = new Properties();
		accounts.load(new StringReader(Operator.ACCOUNTS));
		Map<String, Object> properties = new HashMap<>();
		accounts.forEach((name, value) -> properties.put((String) name, value));
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", PostgresCluster.USER);
		properties.put("charte.records.folder", folder.toString());
		properties.put("server.tomcat.remoteip.internal-proxies", "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");
		return new SpringApplicationBuilder(CharteCookiesApplication.class).properties(properties).run();
	}

	private static int port(ConfigurableApplicationContext application) {
		return Integer.parseInt(application.getEnvironment().getProperty("local.server.port", "0"));
	}

}
