package org.chartecookies.admin;

import org.chartecookies.records.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The proof of a consent with the records in PostgreSQL (a throw-away cluster of this class's own). */
// Closed after the class, so that its connection pools do not outlive their database (and log into other tests).
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = Operator.ACCOUNTS)
class PostgresProofPageTest extends ProofPageContract {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.cluster().register(registry);
	}

}
