package org.chartecookies.records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.chartecookies.consent.ConsentDecided;
import org.chartecookies.consent.ConsentDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A decision that can be kept nowhere is logged; the visitor's answer (the event's publisher) never fails for it. With
 * recording off ({@code charte.records.enabled=false}), none is kept.
 */
class DecisionRecordingTest {

	@TempDir
	Path folder;

	private RecordWriter writer(String id) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), meters);
		WaitingLines lines = Records.lines(Clock.systemUTC());
		return new RecordWriter(null, new SpillFile(this.folder, lines, keeping::setAside), new Journal(this.folder, lines),
				keeping, null, RecordWriterTest.properties(this.folder, 1, id), Clock.systemUTC(), id, "h-" + id, () -> {
				}, meters);
	}

	@Test
	void aDecisionThatCannotBeKeptNeverFailsTheVisitorsAnswer() throws Exception {
		RecordWriter writer = writer("w-nowhere");
		// The writer is not running (its decisions go to the file), and the file cannot be written: it is a folder.
		Files.createDirectory(this.folder.resolve("pending-records.txt"));
		ConsentDecided event = new ConsentDecided("cookies", new ConsentDecision(1, RecordStoreContract.NOW,
				Records.newConsentId(), Map.of("statistics", true)), "accept-all", false, "fr", "/cookies");

		assertThatNoException().isThrownBy(() -> new DecisionRecording(writer, true).decided(event));
	}

	@Test
	void withRecordingOffNoDecisionIsKept() throws Exception {
		// Not running: whatever it takes goes straight to the file, where it can be counted.
		RecordWriter writer = writer("w-off");
		ConsentDecided event = new ConsentDecided("cookies", new ConsentDecision(1, RecordStoreContract.NOW,
				Records.newConsentId(), Map.of("statistics", true)), "accept-all", false, "fr", "/cookies");

		new DecisionRecording(writer, false).decided(event);
		assertThat(writer.backlog()).isZero();
		new DecisionRecording(writer, true).decided(event);
		assertThat(writer.backlog()).isEqualTo(1);
	}

}
