package org.chartecookies.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.chartecookies.records.RecordQueries.DecisionFilter;
import org.chartecookies.records.RecordQueries.DecisionPage;
import org.chartecookies.records.RecordQueries.RecordedDecision;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The decisions of a period, newest first, a page at a time. A page is cut at a decision (its time, then its place in
 * its chain), not at an offset: a page deep in millions of records costs what the first one costs (an index range),
 * and decisions recorded while an auditor reads do not shift the pages under them.
 */
final class DecisionPages {

	private final JdbcClient jdbc;

	DecisionPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The page after the decision {@code olderThan} (a consent id: the next older decisions), or before
	 * {@code newerThan}, or the newest when both are null; null when the decision named is not recorded (or no
	 * longer: purged).
	 */
	@Nullable DecisionPage page(DecisionFilter filter, @Nullable String olderThan, @Nullable String newerThan, int size) {
		boolean backwards = olderThan == null && newerThan != null;
		String fromId = backwards ? newerThan : olderThan;
		@Nullable RecordedDecision from = null;
		if (fromId != null) {
			from = this.jdbc.sql("SELECT " + RecordStore.COLUMNS + " FROM consent_record WHERE consent_id = ?")
				.param(fromId)
				.query((rs, row) -> RecordedDecision.of(RecordStore.record(rs, row)))
				.optional()
				.orElse(null);
			if (from == null) {
				return null;
			}
		}
		StringBuilder sql = new StringBuilder("SELECT ").append(RecordStore.COLUMNS).append(" FROM consent_record");
		where(sql, filter);
		if (from != null) {
			// Within one second (the records' precision), decisions follow their place in their chain.
			String comparison = backwards ? ">" : "<";
			sql.append(" AND (decided_at ").append(comparison).append(" :at OR (decided_at = :at AND (writer_id ")
				.append(comparison).append(" :writer OR (writer_id = :writer AND record_sequence ")
				.append(comparison).append(" :sequence))))");
		}
		String order = backwards ? " ASC" : " DESC";
		sql.append(" ORDER BY decided_at").append(order).append(", writer_id").append(order)
			.append(", record_sequence").append(order).append(" LIMIT ").append(size + 1);
		JdbcClient.StatementSpec statement = params(this.jdbc.sql(sql.toString()), filter);
		if (from != null) {
			statement = statement.param("at", RecordStore.utc(from.decidedAt()))
				.param("writer", from.writerId())
				.param("sequence", from.sequence());
		}
		List<RecordedDecision> rows = new ArrayList<>(
				statement.query((rs, row) -> RecordedDecision.of(RecordStore.record(rs, row))).list());
		boolean more = rows.size() > size;
		if (more) {
			rows.remove(size);
		}
		if (backwards) {
			Collections.reverse(rows);
		}
		boolean newer = backwards ? more : olderThan != null;
		boolean older = backwards || more;
		return new DecisionPage(List.copyOf(rows), count(filter),
				(newer && !rows.isEmpty()) ? rows.get(0).consentId() : null,
				(older && !rows.isEmpty()) ? rows.get(rows.size() - 1).consentId() : null);
	}

	private long count(DecisionFilter filter) {
		StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM consent_record");
		where(sql, filter);
		return params(this.jdbc.sql(sql.toString()), filter).query(Long.class).single();
	}

	private static void where(StringBuilder sql, DecisionFilter filter) {
		sql.append(" WHERE decided_at >= :start AND decided_at < :end");
		if (filter.site() != null) {
			sql.append(" AND site = :site");
		}
		if (filter.kind() != null) {
			sql.append(" AND decision = :kind");
		}
		if (filter.choice() != null) {
			// The choices are stored as "statistics=accepted,video=refused": the commas around the text let one
			// pattern match a whole entry, first, last or alone (a category id has no wildcard character).
			sql.append(" AND (',' || choices || ',') LIKE :choice");
		}
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement, DecisionFilter filter) {
		Instant start = filter.start();
		Instant end = filter.end();
		JdbcClient.StatementSpec spec = statement.param("start", RecordStore.utc(start)).param("end", RecordStore.utc(end));
		if (filter.site() != null) {
			spec = spec.param("site", filter.site());
		}
		if (filter.kind() != null) {
			spec = spec.param("kind", filter.kind());
		}
		if (filter.choice() != null) {
			spec = spec.param("choice", "%," + filter.choice() + ",%");
		}
		return spec;
	}

}
