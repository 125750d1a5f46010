package org.chartecookies.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long failed logins hold up an account name or a client address: from the first failure, for the window, then
 * not at all; a successful login forgets the account's failures, not the client's.
 */
class LoginThrottleTest {

	private final MovingClock clock = new MovingClock(Instant.parse("2026-11-29T10:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(new AdminProperties.Login(3, 5, Duration.ofMinutes(15)),
			this.clock);

	@Test
	void anAccountIsRefusedAfterItsFailuresUntilTheWindowSinceTheFirstHasPassed() {
		this.throttle.failed("Operator", "192.0.2.1");
		this.clock.advance(Duration.ofMinutes(5));
		this.throttle.failed("operator ", "192.0.2.2");
		assertThat(this.throttle.refusal("operator", "192.0.2.3")).isNull();
		this.throttle.failed("OPERATOR", "192.0.2.3");

		assertThat(this.throttle.refusal("operator", "192.0.2.4")).isEqualTo(Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(10).minusSeconds(1));
		assertThat(this.throttle.refusal("operator", "192.0.2.4")).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.refusal("operator", "192.0.2.4")).isNull();

		// The next failure starts a new window of its own.
		this.throttle.failed("operator", "192.0.2.4");
		assertThat(this.throttle.refusal("operator", "192.0.2.5")).isNull();
	}

	@Test
	void aClientIsRefusedAfterItsFailuresWhateverNamesItTried() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("name-" + i, "192.0.2.9");
		}

		assertThat(this.throttle.refusal("someone-else", "192.0.2.9")).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.throttle.refusal("someone-else", "192.0.2.10")).isNull();
	}

	@Test
	void aSuccessForgetsTheAccountsFailuresButNotTheClients() {
		for (int i = 0; i < 3; i++) {
			this.throttle.failed("operator", "192.0.2.20");
		}
		this.throttle.failed("other", "192.0.2.20");
		this.throttle.succeeded("operator");

		assertThat(this.throttle.refusal("operator", "192.0.2.21")).isNull();
		this.throttle.failed("x", "192.0.2.20");
		assertThat(this.throttle.refusal("operator", "192.0.2.20")).as("the client's five failures").isNotNull();
	}

	/** A clock the test moves. */
	private static final class MovingClock extends Clock {

		private Instant now;

		MovingClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
