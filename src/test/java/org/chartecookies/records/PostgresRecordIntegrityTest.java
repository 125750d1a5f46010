package org.chartecookies.records;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Proof that holds, on a real PostgreSQL (Debian's package, a throw-away cluster): the same tests as on H2. */
class PostgresRecordIntegrityTest extends RecordIntegrityContract {

	private static PostgresCluster cluster;

	private static int databases;

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
		String name = "records_" + (++databases);
		JdbcClient.create(dataSource("postgres")).sql("CREATE DATABASE " + name).update();
		return dataSource(name);
	}

	private static DataSource dataSource(String database) {
		return new SimpleDriverDataSource(new org.postgresql.Driver(),
				cluster.jdbcUrl().replace("/postgres", "/" + database), PostgresCluster.USER, "");
	}

}
