package org.chartecookies.records;

import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.chartecookies.records.RecordKeeping.Trouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trouble is told once when it begins and once when it ends, however many decisions meet it; the decisions kept
 * nowhere are each counted; readiness is DOWN while decisions are not kept durably, not while they wait on disk.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordKeepingTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), this.meters);

	private Status kept() {
		return new RecordKeeping.KeptHealthIndicator(this.keeping).health().getStatus();
	}

	@Test
	void anEpisodeIsLoggedOnceWhenItBeginsAndOnceWhenItEndsAndEachDecisionLostIsCounted(CapturedOutput output) {
		for (int i = 0; i < 500; i++) {
			this.keeping.failed(Trouble.JOURNAL, "No space left on device");
			this.keeping.lost(1, "the queue is full and neither the journal nor the file can be written");
		}
		assertThat(kept()).isEqualTo(Status.DOWN);
		this.keeping.recovered(Trouble.JOURNAL);
		this.keeping.recovered(Trouble.JOURNAL);

		assertThat(this.meters.get("charte.records.lost").counter().count()).isEqualTo(500);
		assertThat(kept()).isEqualTo(Status.UP);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Consent records:"))).hasSize(4)
			.anySatisfy((line) -> assertThat(line).contains("500 decisions answered meanwhile were kept nowhere"));
	}

	@Test
	void readinessIsDownOnlyWhileDecisionsAreNotKeptDurably() {
		this.keeping.failed(Trouble.CHAIN, "writer id node-1 is held by a running instance");
		this.keeping.failed(Trouble.CHECKPOINTS, "Read-only file system");
		assertThat(kept()).as("decisions wait on disk").isEqualTo(Status.UP);

		for (Trouble trouble : new Trouble[] { Trouble.JOURNAL, Trouble.FILE, Trouble.REFUSED }) {
			this.keeping.failed(trouble, "cause");
			assertThat(kept()).isEqualTo(Status.DOWN);
			assertThat(new RecordKeeping.KeptHealthIndicator(this.keeping).health().getDetails())
				.containsKey(trouble.name().toLowerCase(java.util.Locale.ROOT));
			this.keeping.recovered(trouble);
			assertThat(kept()).isEqualTo(Status.UP);
		}
	}


	@Test
	void whatIsLostMeanwhileIsToldOnceEveryTroubleThatLosesDecisionsIsOver(CapturedOutput output) {
		this.keeping.failed(Trouble.JOURNAL, "No space left on device");
		this.keeping.failed(Trouble.FILE, "No space left on device");
		this.keeping.lost(3, "the queue is full and neither the journal nor the file can be written");
		assertThat(this.keeping.has(Trouble.FILE)).isTrue();
		assertThat(new RecordKeeping.KeptHealthIndicator(this.keeping).health().getDetails()).containsEntry("lost", 3L)
			.containsEntry("file", "the file of waiting decisions in the records folder cannot be written since "
					+ this.keeping.troubles().get(Trouble.FILE).since());

		this.keeping.recovered(Trouble.JOURNAL);
		assertThat(output.getOut()).doesNotContain("meanwhile");
		this.keeping.recovered(Trouble.FILE);

		assertThat(this.keeping.has(Trouble.FILE)).isFalse();
		assertThat(output.getOut()).contains("3 decisions answered meanwhile were kept nowhere");
	}

	@Test
	void anEpisodeWithoutLossSaysNothingOfLossesAndATroubleNotUnderWayEndsNothing(CapturedOutput output) {
		this.keeping.recovered(Trouble.REFUSED);
		this.keeping.failed(Trouble.REFUSED, "check constraint");
		this.keeping.recovered(Trouble.REFUSED);

		assertThat(output.getOut().lines().filter((line) -> line.contains("Consent records:"))).hasSize(2);
		assertThat(output.getOut()).doesNotContain("kept nowhere");
	}

	@Test
	void whatIsSetAsideIsCountedByReason() {
		this.keeping.setAside("refused by the database", 2);
		this.keeping.setAside("decided in the future", 1);
		this.keeping.setAside("refused by the database", 3);

		assertThat(this.meters.get("charte.records.set.aside").tag("reason", "refused by the database").counter().count())
			.isEqualTo(5);
		assertThat(this.meters.get("charte.records.set.aside").tag("reason", "decided in the future").counter().count())
			.isEqualTo(1);
	}

}
