package org.chartecookies.browser;

import java.io.IOException;

import org.chartecookies.records.PostgresCluster;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SnapshotInBrowserContract} on a real PostgreSQL. */
// Closed after the class, so that its connection pool does not outlive its database.
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "charte.registry.location=classpath:registries/two-optional-categories.yaml")
class PostgresSnapshotInBrowserTest extends SnapshotInBrowserContract {

	private static PostgresCluster cluster;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws IOException {
		cluster = PostgresCluster.start();
		cluster.register(registry);
	}

	@AfterAll
	static void stopPostgres() {
		if (cluster != null) {
			cluster.close();
		}
	}

}
