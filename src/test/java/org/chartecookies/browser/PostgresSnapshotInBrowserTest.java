package org.chartecookies.browser;

import org.chartecookies.records.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

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

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.cluster().register(registry);
	}

}
