package org.chartecookies.records;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshots on a real PostgreSQL: the same tests as on H2. */
class PostgresSnapshotStoreTest extends SnapshotStoreContract {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@Override
	DataSource emptyDatabase() {
		return postgres.cluster().newDatabase();
	}

}
