package org.chartecookies.records;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Hikari's pools drop a connection to an embedded H2 database that closed itself (a full disk closes it: error 90098,
 * "The database has been closed"): H2 opens the database again only for a new connection, and Hikari kept lending the
 * old ones to the back office, which then answered 503 until a restart (FullDiskTest). Named by
 * {@code spring.datasource.hikari.exception-override-class-name}, for both pools.
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

	/** H2's {@code DATABASE_IS_CLOSED}. */
	static final String CLOSED = "90098";

	@java.lang.Override
	public Override adjudicate(SQLException ex) {
		return CLOSED.equals(ex.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
	}

}
