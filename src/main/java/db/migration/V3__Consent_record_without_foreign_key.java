package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the foreign key from {@code consent_record} to {@code record_writer} (migration V1's {@code REFERENCES}). The
 * database checked it at every record inserted: a third of PostgreSQL's work for a record (README, "The consent POST's
 * cost of recording"). It guarded nothing the application relies on: the writer inserts its row before its first
 * record, in the same transaction, and never deletes it, and the chain verification names records whose writer has no
 * row. A Java migration because the constraint has no name in V1: each database named it its own way
 * ({@code consent_record_writer_id_fkey} on PostgreSQL, {@code CONSTRAINT_…} on H2), and JDBC's metadata says which.
 */
public class V3__Consent_record_without_foreign_key extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		DatabaseMetaData metadata = connection.getMetaData();
		Set<String> foreignKeys = new LinkedHashSet<>();
		// The table's name as the database keeps it: lower case on PostgreSQL, upper case on H2.
		for (String table : List.of("consent_record", "CONSENT_RECORD")) {
			try (ResultSet keys = metadata.getImportedKeys(connection.getCatalog(), connection.getSchema(), table)) {
				while (keys.next()) {
					foreignKeys.add(keys.getString("FK_NAME"));
				}
			}
		}
		try (Statement statement = connection.createStatement()) {
			for (String name : foreignKeys) {
				statement.execute("ALTER TABLE consent_record DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
			}
		}
	}

}
