package org.chartecookies.records;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The snapshots on a real PostgreSQL: the same tests as on H2. */
class PostgresSnapshotStoreTest extends SnapshotStoreContract {

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
