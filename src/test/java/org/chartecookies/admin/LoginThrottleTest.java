package org.chartecookies.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long failed logins hold up an account name from one address, an address, or an account from every address:
 * from the first failure, for the window, then not at all; which limits a failure has just reached; a successful login
 * forgets the failures of its account from its address only, and keeps its address let in past the account's ceiling.
 */
class LoginThrottleTest {

	private final MovingClock clock = new MovingClock(Instant.parse("2026-11-29T10:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(new AdminProperties.Login(3, 5, 8, Duration.ofMinutes(15)),
			this.clock);

	@Test
	void anAccountIsRefusedToAnAddressAfterItsFailuresUntilTheWindowSinceTheFirstHasPassed() {
		assertThat(this.throttle.failed("Operator", "192.0.2.1")).isEmpty();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.throttle.failed("operator ", "192.0.2.1")).isEmpty();
		assertThat(this.throttle.refusal("operator", "192.0.2.1")).isNull();
		assertThat(this.throttle.failed("OPERATOR", "192.0.2.1")).containsExactly(LoginThrottle.Limit.ACCOUNT_FROM_CLIENT);

		assertThat(this.throttle.refusal("operator", "192.0.2.1")).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.throttle.refusal("operator", "192.0.2.2")).as("from another address").isNull();
		assertThat(this.throttle.refusal("other", "192.0.2.1")).as("another name").isNull();
		this.clock.advance(Duration.ofMinutes(10).minusSeconds(1));
		assertThat(this.throttle.refusal("operator", "192.0.2.1")).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.refusal("operator", "192.0.2.1")).isNull();

		// The next failure starts a new window of its own.
		assertThat(this.throttle.failed("operator", "192.0.2.1")).isEmpty();
		assertThat(this.throttle.refusal("operator", "192.0.2.1")).isNull();
	}

	@Test
	void anAddressIsRefusedAfterItsFailuresWhateverNamesItTried() {
		for (int i = 0; i < 4; i++) {
			assertThat(this.throttle.failed("name-" + i, "192.0.2.9")).isEmpty();
		}
		assertThat(this.throttle.failed("name-4", "192.0.2.9")).containsExactly(LoginThrottle.Limit.CLIENT);

		assertThat(this.throttle.refusal("someone-else", "192.0.2.9")).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.throttle.refusal("someone-else", "192.0.2.10")).isNull();
	}

	@Test
	void pastTheAccountsCeilingOnlyTheAddressesItLoggedInFromLatelyAreLetIn() {
		this.throttle.succeeded("operator", "192.0.2.30");
		for (int i = 0; i < 7; i++) {
			assertThat(this.throttle.failed("operator", "198.51.100." + i)).isEmpty();
		}
		assertThat(this.throttle.refusal("operator", "192.0.2.31")).isNull();
		assertThat(this.throttle.failed("operator", "198.51.100.7")).containsExactly(LoginThrottle.Limit.ACCOUNT);

		assertThat(this.throttle.refusal("operator", "192.0.2.31")).as("a new address").isEqualTo(Duration.ofMinutes(15));
		assertThat(this.throttle.refusal("Operator", "192.0.2.30")).as("the operator's address").isNull();
		assertThat(this.throttle.refusal("auditor", "192.0.2.31")).as("another account").isNull();

		// An address is known for a while after its last successful login, not for ever.
		this.throttle.succeeded("operator", "192.0.2.31");
		assertThat(this.throttle.refusal("operator", "192.0.2.31")).isNull();
		this.clock.advance(LoginThrottle.KNOWN_FOR);
		for (int i = 0; i < 8; i++) {
			this.throttle.failed("operator", "198.51.100." + i);
		}
		assertThat(this.throttle.refusal("operator", "192.0.2.31")).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void aSuccessForgetsTheAccountsFailuresFromItsAddressButNotTheAddresssNorTheAccounts() {
		for (int i = 0; i < 2; i++) {
			this.throttle.failed("operator", "192.0.2.20");
		}
		this.throttle.failed("other", "192.0.2.20");
		this.throttle.failed("x", "192.0.2.20");
		this.throttle.succeeded("operator", "192.0.2.20");

		assertThat(this.throttle.failed("operator", "192.0.2.20")).as("a new count for the account from there")
			.containsExactly(LoginThrottle.Limit.CLIENT);
		assertThat(this.throttle.refusal("other", "192.0.2.20")).as("the address's five failures").isNotNull();
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("operator", "198.51.100." + i);
		}
		assertThat(this.throttle.refusal("operator", "198.51.100.99")).as("the account's eight failures").isNotNull();
	}

	/**
	 * Whoever speaks from the address an account logged in from lately (sharing it, or forging it through a trusted
	 * proxy) cannot lock that account out there: no count refuses it, though they still count for the others.
	 */
	@Test
	void theAddressAnAccountLoggedInFromLatelyIsNeverRefusedThatAccount() {
		this.throttle.succeeded("operator", "192.0.2.40");
		for (int i = 0; i < 3; i++) {
			this.throttle.failed("operator", "192.0.2.40");
		}
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("name-" + i, "192.0.2.40");
		}
		for (int i = 0; i < 8; i++) {
			this.throttle.failed("operator", "198.51.100." + i);
		}

		assertThat(this.throttle.refusal("operator", "192.0.2.40")).isNull();
		assertThat(this.throttle.refusal("Operator ", "192.0.2.40")).as("the name as typed").isNull();
		assertThat(this.throttle.refusal("auditor", "192.0.2.40")).as("another account from there").isNotNull();
		assertThat(this.throttle.refusal("operator", "192.0.2.41")).as("another address").isNotNull();
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
