package org.chartecookies.admin;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The audits' reports on the embedded default, an H2 database (in memory here: the same engine as the file). */
class H2AuditReportsTest extends AuditReportsContract {

	@Override
	DataSource emptyDatabase() {
		return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"sa", "");
	}

}
