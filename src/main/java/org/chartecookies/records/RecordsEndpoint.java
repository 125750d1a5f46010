package org.chartecookies.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/records}, for the operator (exposed only where the operator exposes it: a management port, README
 * "Metrics"): what the record writer holds and what keeps it from keeping decisions (read), and, once the cause is
 * fixed, the decisions set aside written again (write: {@code POST}): they go back to the waiting decisions, are
 * checked again, and those that are still no decision to take are set aside again.
 */
@Endpoint(id = "records")
class RecordsEndpoint {

	private static final Log logger = LogFactory.getLog(RecordsEndpoint.class);

	private final RecordWriter writer;

	private final RecordKeeping keeping;

	private final SpillFile spill;

	private final @Nullable SigningKey key;

	RecordsEndpoint(RecordWriter writer, RecordKeeping keeping, SpillFile spill, @Nullable SigningKey key) {
		this.writer = writer;
		this.keeping = keeping;
		this.spill = spill;
		this.key = key;
	}

	@ReadOperation
	Map<String, Object> state() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("writer", this.writer.writerId());
		state.put("chainHeld", this.writer.claimed());
		state.put("head", this.writer.head().sequence());
		state.put("backlog", this.writer.backlog());
		// The same count as the health's: read from the file at start, kept as lines are set aside and resubmitted.
		state.put("setAside", this.keeping.asideWaiting());
		state.put("lost", (long) this.keeping.lostSoFar());
		state.put("signingKey", (this.key != null) ? this.key.id() : "none: tampering cannot be detected");
		Map<String, String> troubles = new LinkedHashMap<>();
		this.keeping.troubles()
			.forEach((trouble, episode) -> troubles.put(trouble.name().toLowerCase(Locale.ROOT),
					trouble.description() + " since " + episode.since() + " (" + episode.cause() + ")"));
		state.put("troubles", troubles);
		return state;
	}

	/** The decisions set aside, back to the waiting ones: {@code {"resubmitted": n}}. */
	@WriteOperation
	Map<String, Object> resubmit() {
		try {
			// Before: those that are no decision to take are set aside, and counted, again as the writer reads them.
			this.keeping.asideWaiting(0);
			long lines = this.spill.resubmit();
			logger.info("Consent records: " + lines + " lines set aside are resubmitted by the operator");
			return Map.of("resubmitted", lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot resubmit the decisions set aside", ex);
		}
	}

}
