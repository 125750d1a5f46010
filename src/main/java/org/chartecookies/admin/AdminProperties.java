package org.chartecookies.admin;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The back office's accounts and how failed logins are limited.
 *
 * @param accounts who may log in; none (the default) switches the back office off
 * @param login how many failed logins are allowed before the next ones are refused for a while
 */
@ConfigurationProperties("charte.admin")
@Validated
public record AdminProperties(@DefaultValue List<@Valid Account> accounts, @DefaultValue @Valid @NotNull Login login) {

	/**
	 * An operator's account.
	 *
	 * @param name what they type as their name
	 * @param passwordHash the bcrypt hash of their password ({@code $2a$}, {@code $2b$} or {@code $2y$}, as
	 * {@code java -jar charte-cookies.jar hash-password} prints it, see {@link PasswordHashCommand})
	 */
	public record Account(@NotBlank @Pattern(regexp = "[^\\s]{1,64}", message = "must be 1 to 64 characters without spaces") String name,
			@NotNull @Pattern(regexp = "\\$2[aby]\\$(0[4-9]|1[0-4])\\$[./A-Za-z0-9]{53}",
					message = "must be a bcrypt hash of cost 4 to 14 ($2y$10$ and 53 characters; a higher cost makes each login hold a processor for seconds), for example from java -jar charte-cookies.jar hash-password") String passwordHash) {

		@Override
		public String toString() {
			return "Account[name=" + this.name + "]";
		}

	}

	/**
	 * Failed logins allowed within a window, counted from the first failure: past a limit, the logins it covers are
	 * refused ({@code 429}) until the window has passed.
	 *
	 * @param maxFailuresPerAccountFromClient failures for one account name from one client address: the limit a
	 * password guesser meets
	 * @param maxFailuresPerClient failures from one client address, whatever names it tries
	 * @param maxFailuresPerAccount failures for one account name from every address together: past it, the account is
	 * refused to every address that has not logged into it in the last 30 days (a guesser spread over many addresses is
	 * slowed down, its operator is not locked out)
	 * @param window how long failures are remembered, from the first one
	 */
	public record Login(@DefaultValue("5") @Min(1) int maxFailuresPerAccountFromClient,
			@DefaultValue("20") @Min(1) int maxFailuresPerClient, @DefaultValue("100") @Min(1) int maxFailuresPerAccount,
			@DefaultValue("15m") @NotNull Duration window) {
	}

	boolean enabled() {
		return !this.accounts.isEmpty();
	}

}
