package org.chartecookies.records;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether decisions are being kept, and what keeps them from it: each trouble is an episode, logged when it begins
 * and when it ends (never once per decision), shown in the health ({@link RecordsHealthIndicator}), and counted: the
 * decisions kept nowhere ({@code charte.records.lost}), the lines and decisions set aside
 * ({@code charte.records.set.aside}, by reason).
 */
final class RecordKeeping {

	private static final Log logger = LogFactory.getLog(RecordKeeping.class);

	/** What can keep decisions from being kept, or their proof from holding. */
	enum Trouble {

		/** A decision is answered before it is on disk: a crash now would lose it. */
		JOURNAL(true, "the journal in the records folder cannot be written: decisions are answered before they are on disk"),
		/** Decisions the database cannot take have nowhere durable to wait. */
		FILE(true, "the file of waiting decisions in the records folder cannot be written"),
		/** The database answers but refuses records: they are set aside, not written. */
		REFUSED(true, "the database refuses consent records: they are set aside in " + SpillFile.REJECTED),
		/** Another running instance holds this instance's chain: decisions wait in the file. */
		CHAIN(false, "another running instance holds this writer's chain"),
		/** The signed checkpoints cannot be written where the operator named. */
		CHECKPOINTS(false, "the signed checkpoints cannot be written"),
		/** A snapshot of what visitors are shown cannot be kept: decisions are recorded naming none. */
		SNAPSHOTS(false, "a snapshot of what visitors are shown cannot be kept in the records folder: decisions are"
				+ " recorded naming none");

		private final boolean losesDecisions;

		private final String description;

		Trouble(boolean losesDecisions, String description) {
			this.losesDecisions = losesDecisions;
			this.description = description;
		}

		/** Whether decisions are not kept durably while it lasts (readiness turns DOWN). */
		boolean losesDecisions() {
			return this.losesDecisions;
		}

		String description() {
			return this.description;
		}

	}

	/** A trouble under way: since when, and its last cause. */
	record Episode(Instant since, String cause) {
	}

	private final Map<Trouble, Episode> troubles = new ConcurrentHashMap<>();

	private final Clock clock;

	private final MeterRegistry meters;

	private final Counter lost;

	/** Decisions kept nowhere since the trouble that loses them began: told once when it begins, once when it ends. */
	private final AtomicLong lostInEpisode = new AtomicLong();

	private final AtomicLong aside = new AtomicLong();

	RecordKeeping(Clock clock, MeterRegistry meters) {
		this.clock = clock;
		this.meters = meters;
		this.lost = Counter.builder("charte.records.lost")
			.description("Consent decisions answered and kept nowhere: neither on disk nor in the database")
			.register(meters);
	}

	/** The trouble is under way: logged if it begins now. */
	void failed(Trouble trouble, String cause) {
		Episode before = this.troubles.putIfAbsent(trouble, new Episode(this.clock.instant(), cause));
		if (before == null) {
			logger.error("Consent records: " + trouble.description() + " (" + cause + ")");
		}
	}

	/** The trouble is over, if it was under way: logged if it ends now. */
	void recovered(Trouble trouble) {
		Episode episode = this.troubles.remove(trouble);
		if (episode != null) {
			logger.info("Consent records: over, since " + episode.since() + ": " + trouble.description());
			long lostMeanwhile = keeping() ? this.lostInEpisode.getAndSet(0) : 0;
			if (lostMeanwhile > 0) {
				logger.error("Consent records: " + lostMeanwhile + " decisions answered meanwhile were kept nowhere");
			}
		}
	}

	boolean has(Trouble trouble) {
		return this.troubles.containsKey(trouble);
	}

	/** The troubles under way. */
	Map<Trouble, Episode> troubles() {
		return Map.copyOf(this.troubles);
	}

	/** Whether every decision is being kept durably: false while a trouble that loses decisions lasts. */
	boolean keeping() {
		return this.troubles.keySet().stream().noneMatch(Trouble::losesDecisions);
	}

	/** Decisions kept nowhere: counted each, logged at the first of an episode (and their number at its end). */
	void lost(int decisions, String why) {
		this.lost.increment(decisions);
		if (this.lostInEpisode.getAndAdd(decisions) == 0) {
			logger.error("Consent records: decisions answered are kept nowhere (" + why + "); the next are counted in"
					+ " charte.records.lost and told when it is over");
		}
	}

	double lostSoFar() {
		return this.lost.count();
	}

	/** Lines or decisions set aside in {@link SpillFile#REJECTED}, for one reason. */
	void setAside(String reason, int count) {
		Counter.builder("charte.records.set.aside")
			.description("Consent decisions and lines of the records folder's files set aside, never chained")
			.tag("reason", reason)
			.register(this.meters)
			.increment(count);
		this.aside.addAndGet(count);
	}

	/**
	 * What the file of set-aside lines holds (at start, or once the operator resubmitted them): until they are
	 * resubmitted, the records' health says that they wait.
	 */
	void asideWaiting(long lines) {
		this.aside.set(lines);
	}

	/** How many lines set aside wait for the operator (refused by the database, or no decision to take). */
	long asideWaiting() {
		return this.aside.get();
	}

	/**
	 * {@code consentRecordsKept} in {@code /actuator/health} and in the readiness group: DOWN while decisions are not
	 * being kept durably (the journal or the file cannot be written, the database refuses records), so that a load
	 * balancer sends visitors to instances that keep them. A database that does not answer is not such a state: the
	 * decisions wait on disk meanwhile ({@code consentRecords} says so).
	 */
	static final class KeptHealthIndicator implements HealthIndicator {

		private final RecordKeeping keeping;

		KeptHealthIndicator(RecordKeeping keeping) {
			this.keeping = keeping;
		}

		@Override
		public Health health() {
			Health.Builder health = this.keeping.keeping() ? Health.up() : Health.down();
			this.keeping.troubles()
				.forEach((trouble, episode) -> health.withDetail(trouble.name().toLowerCase(Locale.ROOT),
						trouble.description() + " since " + episode.since()));
			return health.withDetail("lost", (long) this.keeping.lostSoFar()).build();
		}

	}

}
