package org.chartecookies.admin;

import javax.sql.DataSource;

import org.chartecookies.records.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The audits' reports on a real PostgreSQL (Debian's package, a throw-away cluster): the same tests as on H2. */
class PostgresAuditReportsTest extends AuditReportsContract {

	private static PostgresCluster cluster;

	@BeforeAll
	static void startPostgres() {
		cluster = PostgresCluster.start();
	}

	@AfterAll
	static void stopPostgres() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Override
	DataSource emptyDatabase() {
		return cluster.newDatabase();
	}

}
