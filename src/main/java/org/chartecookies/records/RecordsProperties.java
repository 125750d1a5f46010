package org.chartecookies.records;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How consent records are kept.
 *
 * @param folder where the embedded database lives (when no {@code spring.datasource.url} is set) and where records
 * wait in a file while the database is unreachable; created on first start
 * @param retention how long a record is kept, counted from its decision ({@code P5Y})
 * @param purgeCron when the purge of expired records runs (a Spring cron expression, the server's time zone)
 * @param queueCapacity how many decisions wait in memory for the writer before they go to the file
 * @param batchSize how many records are written in one transaction at most
 * @param retryInterval how long the writer waits before it tries an unreachable database again
 * @param shutdownTimeout how long the writer may take at shutdown to write what waits; the rest goes to the file
 * @param writerId the name of this instance's chain; a new random one at each start when not set. Two running
 * instances must never share one
 * @param enabled whether decisions are recorded at all; {@code false} keeps none (no proof of consent: for
 * measuring what recording costs, or a site that keeps its proof elsewhere)
 * @param leaseInterval how often an instance raises the heartbeat of the chain it holds; an instance started with
 * the same writer id takes the chain over after three intervals without one
 * @param maxWait how old a decision read back from the records folder's files may be: older ones are set aside
 * @param signingKey the Ed25519 private key (PEM text, or the path of a PEM file outside the records folder) that
 * signs checkpoints and authenticates the lines of the folder's files; none, tampering by someone with access to the
 * database or the folder cannot be detected
 * @param checkpointFile where signed checkpoints are appended besides the log: a file on another volume than the
 * database and the records folder
 * @param checkpointInterval how often the chain's head is signed, when it moved
 * @param publicKey for the verification: the public key (PEM text or file) that checks the checkpoints; the signing
 * key's own when not given
 * @param checkpoints for the verification: more files holding checkpoints (other instances' files, logs)
 */
@ConfigurationProperties("charte.records")
@Validated
public record RecordsProperties(@DefaultValue(RecordsProperties.DEFAULT_FOLDER) @NotNull Path folder, @DefaultValue("P5Y") @NotNull Period retention,
		@DefaultValue("0 30 3 * * *") @NotNull String purgeCron, @DefaultValue("10000") @Min(1) int queueCapacity,
		@DefaultValue("500") @Min(1) int batchSize, @DefaultValue("1s") @NotNull Duration retryInterval,
		@DefaultValue("10s") @NotNull Duration shutdownTimeout,
		@Pattern(regexp = "[A-Za-z0-9_-]{1,40}",
				message = "must be 1 to 40 letters, digits, dashes or underscores") @Nullable String writerId,
		@DefaultValue("true") boolean enabled, @DefaultValue("5s") @NotNull Duration leaseInterval,
		@DefaultValue("30d") @NotNull Duration maxWait, @Nullable String signingKey, @Nullable Path checkpointFile,
		@DefaultValue("1m") @NotNull Duration checkpointInterval, @Nullable String publicKey,
		@DefaultValue List<Path> checkpoints) {

	/** Relative to the working directory, so that {@code ./mvnw spring-boot:run} keeps its records in the project. */
	static final String DEFAULT_FOLDER = "./data";

	@AssertTrue(message = "must be positive")
	boolean isRetentionPositive() {
		return !this.retention.isNegative() && !this.retention.isZero();
	}

}
