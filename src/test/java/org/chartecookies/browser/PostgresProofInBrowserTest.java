package org.chartecookies.browser;

import org.chartecookies.records.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The proof in a real browser with the records in PostgreSQL (a throw-away cluster of this class's own): a decision
 * made on each language's banner shows that banner on its proof, as with H2.
 */
// Closed after the class, so that its connection pools do not outlive their database (and log into other tests).
@DirtiesContext
class PostgresProofInBrowserTest extends ProofInBrowserTest {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.cluster().register(registry);
	}

}
