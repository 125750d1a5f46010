package org.chartecookies.records;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** The record store on a real PostgreSQL (Debian's package, a throw-away cluster): the same tests as on H2. */
class PostgresRecordStoreTest extends RecordStoreContract {

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
