package org.chartecookies.admin;

import javax.sql.DataSource;

import org.chartecookies.records.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audits' reports on a real PostgreSQL (Debian's package, a throw-away cluster): the same tests as on H2. */
class PostgresAuditReportsTest extends AuditReportsContract {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@Override
	DataSource emptyDatabase() {
		return postgres.cluster().newDatabase();
	}

}
