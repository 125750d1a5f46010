package org.chartecookies.admin;

import java.io.IOException;

import org.chartecookies.records.PostgresCluster;
import org.junit.jupiter.api.AfterAll;

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
