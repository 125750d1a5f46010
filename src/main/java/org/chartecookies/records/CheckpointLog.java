package org.chartecookies.records;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where the signed checkpoints go: the application's log always, and the file the operator names
 * ({@code charte.records.checkpoint-file}, on another volume than the database and the records folder), appended and
 * forced to disk. Someone able to change the database cannot change what was written there.
 */
final class CheckpointLog {

	private static final Log logger = LogFactory.getLog(CheckpointLog.class);

	private final SigningKey key;

	private final @Nullable Path file;

	private final Period retention;

	CheckpointLog(SigningKey key, @Nullable Path file, Period retention) {
		this.key = key;
		this.file = file;
		this.retention = retention;
	}

	/**
	 * The statements of this file about one chain, in the order written (none without a file, or one that cannot be
	 * read: the log has them).
	 */
	List<Checkpoint> own(String writerId) {
		return own().stream().filter((checkpoint) -> checkpoint.writerId().equals(writerId)).toList();
	}

	/** Every statement of this file, in the order written. */
	List<Checkpoint> own() {
		if (this.file == null || !Files.exists(this.file)) {
			return List.of();
		}
		return read(List.of(this.file), Map.of(this.key.id(), this.key.publicKey())).checkpoints();
	}

	/** Signs a chain's head ({@link Checkpoint#TAKEN}, {@link Checkpoint#HELD}, {@link Checkpoint#RELEASED}) and keeps it. */
	void head(String state, String writerId, java.time.Instant at, RecordStore.ChainHead head, long cut,
			String cutHash) {
		keep(Checkpoint.head(state, writerId, at, head, cut, cutHash, this.key.id()));
	}

	/** Signs a purge's cut and keeps it, before the purge commits: should this throw, the cut is not made. */
	void cut(ExpiredRecords.Cut cut) {
		keep(Checkpoint.cut(cut, this.retention, this.key.id()));
	}

	/** @throws UncheckedIOException when the file cannot be written (the log has it all the same) */
	private void keep(Checkpoint checkpoint) {
		String line = checkpoint.signedWith(this.key);
		logger.info("Consent records checkpoint: " + line);
		if (this.file != null) {
			try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND)) {
				ByteBuffer bytes = StandardCharsets.US_ASCII.encode(line + "\n");
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(false);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write the checkpoint to " + this.file.toAbsolutePath(), ex);
			}
		}
	}

	/**
	 * What a set of files say: every statement found in them (checkpoint files, or logs that quote them), and what
	 * could not be taken.
	 *
	 * @param checkpoints the statements signed by one of the keys
	 * @param problems lines whose statement is not signed by one of the keys ({@code file:line}), files that cannot be
	 * read
	 */
	record Evidence(List<Checkpoint> checkpoints, List<String> problems) {

		static final Evidence NONE = new Evidence(List.of(), List.of());

		boolean isEmpty() {
			return this.checkpoints.isEmpty() && this.problems.isEmpty();
		}

	}

	/** Reads the statements of these files, checked with these public keys (by their ids). */
	static Evidence read(List<Path> files, Map<String, PublicKey> keys) {
		List<Checkpoint> checkpoints = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (Path file : files) {
			try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
				String line;
				long number = 0;
				while ((line = reader.readLine()) != null) {
					number++;
					Checkpoint.Read read = Checkpoint.read(line, keys);
					if (read == null) {
						continue;
					}
					Checkpoint checkpoint = read.checkpoint();
					if (read.signed() && checkpoint != null) {
						checkpoints.add(checkpoint);
					}
					else {
						problems.add(file + ":" + number + ": a checkpoint not signed by the key given");
					}
				}
			}
			catch (IOException ex) {
				problems.add(file + ": cannot be read (" + ex.getClass().getSimpleName() + ")");
			}
		}
		return new Evidence(checkpoints, problems);
	}

}
