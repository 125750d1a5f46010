package org.chartecookies.web;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How request bodies are received (see {@link RequestBodyBuffering}).
 *
 * @param deadline how long a client has to send a whole request body, from the end of its headers; a slower one gets
 * {@code 408 Request Timeout} (measured within about a second)
 * @param maxSize the largest request body accepted; a larger one, declared or sent, gets {@code 413 Content Too Large}.
 * A consent form is a few hundred bytes; bodies are held in memory until they are complete.
 */
@ConfigurationProperties("charte.request-body")
@Validated
public record RequestBodyProperties(@DefaultValue("5s") @NotNull Duration deadline,
		@DefaultValue("16KB") @NotNull DataSize maxSize) {

	@AssertTrue(message = "deadline must be positive and at most 1 minute")
	boolean isDeadlineWithinLimits() {
		return this.deadline.compareTo(Duration.ZERO) > 0 && this.deadline.compareTo(Duration.ofMinutes(1)) <= 0;
	}

	@AssertTrue(message = "max-size must be positive and at most 1MB")
	boolean isMaxSizeWithinLimits() {
		return this.maxSize.toBytes() > 0 && this.maxSize.toBytes() <= DataSize.ofMegabytes(1).toBytes();
	}

}
