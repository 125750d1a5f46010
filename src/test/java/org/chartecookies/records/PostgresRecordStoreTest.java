package org.chartecookies.records;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The record store on a real PostgreSQL (Debian's package, a throw-away cluster): the same tests as on H2. */
class PostgresRecordStoreTest extends RecordStoreContract {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@Override
	DataSource emptyDatabase() {
		return postgres.cluster().newDatabase();
	}

}
