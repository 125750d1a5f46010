package org.chartecookies.records;

import java.time.Instant;
import java.util.Optional;

import org.chartecookies.records.RecordStore.ChainHead;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who holds each writer's chain, in the writer's row: an instance takes its chain before it writes ({@link #claim}),
 * raises the row's heartbeat while it holds it, and lets it go at shutdown. A chain whose holder died is taken over
 * only if that holder's heartbeat still stands where it was read.
 */
final class WriterClaims {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	WriterClaims(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Who holds a chain: this instance (with the chain's head, where it resumes), or another one, named with its
	 * heartbeat as read.
	 */
	sealed interface Claim {

		record Taken(ChainHead head) implements Claim {
		}

		record Held(String holder, long heartbeat) implements Claim {
		}

	}

	/**
	 * Takes the writer's chain for this instance ({@code holder}): a new chain, one no instance holds (its holder
	 * stopped cleanly), or one this instance holds already. A chain another instance holds is not taken: the caller
	 * watches its heartbeat ({@link #takeOver}).
	 */
	Claim claim(String writerId, String holder, Instant startedAt) {
		return this.transactions.execute((status) -> {
			Optional<Holding> row = holding(writerId);
			if (row.isEmpty()) {
				this.jdbc
					.sql("INSERT INTO record_writer (writer_id, started_at, head_sequence, head_hash, cut_sequence, cut_hash, "
							+ "holder, heartbeat) VALUES (?, ?, 0, ?, 0, ?, ?, 0)")
					.params(writerId, RecordStore.utc(startedAt), ConsentRecord.GENESIS, ConsentRecord.GENESIS, holder)
					.update();
				return new Claim.Taken(ChainHead.EMPTY);
			}
			Holding held = row.get();
			if (held.holder() != null && !held.holder().equals(holder)) {
				return new Claim.Held(held.holder(), held.heartbeat());
			}
			this.jdbc.sql("UPDATE record_writer SET holder = ?, heartbeat = heartbeat + 1 WHERE writer_id = ?")
				.params(holder, writerId)
				.update();
			return new Claim.Taken(held.head());
		});
	}

	/**
	 * Takes the chain from a holder whose heartbeat stood still since it was read (it died without letting go): only
	 * if that holder and heartbeat are still the row's.
	 *
	 * @return the chain's head, or empty when the holder is alive (or another instance took the chain first)
	 */
	Optional<ChainHead> takeOver(String writerId, String holder, Claim.Held dead) {
		return Optional.ofNullable(this.transactions.execute((status) -> {
			int taken = this.jdbc
				.sql("UPDATE record_writer SET holder = ?, heartbeat = heartbeat + 1 "
						+ "WHERE writer_id = ? AND holder = ? AND heartbeat = ?")
				.params(holder, writerId, dead.holder(), dead.heartbeat())
				.update();
			return (taken == 1) ? holding(writerId).map(Holding::head).orElse(null) : null;
		}));
	}

	/** Raises the heartbeat of a chain this instance holds; false when it no longer holds it. */
	boolean heartbeat(String writerId, String holder) {
		return this.jdbc.sql("UPDATE record_writer SET heartbeat = heartbeat + 1 WHERE writer_id = ? AND holder = ?")
			.params(writerId, holder)
			.update() == 1;
	}

	/** Lets the chain go, so that the next instance with this writer id takes it at once. */
	void release(String writerId, String holder) {
		this.jdbc.sql("UPDATE record_writer SET holder = NULL WHERE writer_id = ? AND holder = ?")
			.params(writerId, holder)
			.update();
	}

	private record Holding(ChainHead head, @Nullable String holder, long heartbeat) {
	}

	private Optional<Holding> holding(String writerId) {
		return this.jdbc.sql("SELECT head_sequence, head_hash, holder, heartbeat FROM record_writer WHERE writer_id = ?")
			.param(writerId)
			.query((rs, row) -> new Holding(new ChainHead(rs.getLong(1), rs.getString(2)), rs.getString(3), rs.getLong(4)))
			.optional();
	}

}
