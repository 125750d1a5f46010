package org.chartecookies.records;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where decisions wait while the database cannot take them: a local file, one line per decision, appended and
 * forced to disk, so that neither an unreachable database nor a restart loses one. When the database is back the
 * writer takes the file over ({@link #takeOver()}) and writes its records; a file taken over but not finished (the
 * database failed again, or the process stopped) is taken again later, and records already written are skipped.
 * <p>
 * One running instance per folder ({@link #lock()}, a {@link FolderLock}).
 */
final class SpillFile implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SpillFile.class);

	/**
	 * How the file is read: a line the writer wrote is ASCII (its texts are URL-encoded), and ISO-8859-1 reads any bytes
	 * at all, one character a byte, so that a damaged line is read (and set aside byte for byte) rather than stopping
	 * the reading of the lines after it.
	 */
	private static final Charset BYTES = StandardCharsets.ISO_8859_1;

	/** What waits in the file: decisions, and lines that are none (set aside at the next take-over). */
	record Waiting(long decisions, long unreadable) {
	}

	/** Decisions the database refused, and lines that are no decision to take: kept for the operator. */
	static final String REJECTED = "rejected-records.txt";

	private final Path rejected;

	private final Path pending;

	private final Path draining;

	private final AtomicLong waiting = new AtomicLong();

	private final WaitingLines lines;

	/** Told how many lines were set aside, and why. */
	private final BiConsumer<String, Integer> setAsideListener;

	private final FolderLock lock;

	SpillFile(Path folder, WaitingLines lines, BiConsumer<String, Integer> setAsideListener) {
		this.lines = lines;
		this.setAsideListener = setAsideListener;
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new RecordsSetupException.Unusable(folder.toAbsolutePath().normalize(), ex);
		}
		this.lock = new FolderLock(folder);
		this.pending = folder.resolve("pending-records.txt");
		this.draining = folder.resolve("pending-records.draining.txt");
		this.rejected = folder.resolve(REJECTED);
		this.waiting.set(lines(this.pending) + lines(this.draining));
	}

	/**
	 * Takes the folder for this instance, or refuses when another instance holds it.
	 *
	 * @throws RecordsSetupException.InUse when another instance writes from the folder
	 * @throws RecordsSetupException.Unusable when the lock cannot be written there
	 */
	void lock() {
		this.lock.lock();
	}

	/** Leaves the folder to another instance. */
	void unlock() {
		this.lock.unlock();
	}

	/** When the application closes, started or not (a start that failed after the lock was taken, say). */
	@Override
	public void close() {
		unlock();
	}

	/** How many decisions wait in the file. */
	long waiting() {
		return this.waiting.get();
	}

	/** How lines are written and read. */
	WaitingLines lines() {
		return this.lines;
	}

	synchronized void append(List<PendingRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		write(this.pending, records);
		this.waiting.addAndGet(records.size());
	}

	/**
	 * Lines as they are (the journal of a previous run), ended by a line break if the last one lacks it.
	 *
	 * @return how many lines
	 */
	synchronized long appendLines(byte[] bytes) throws IOException {
		if (bytes.length == 0) {
			return 0;
		}
		long lines = 0;
		for (byte b : bytes) {
			lines += (b == '\n') ? 1 : 0;
		}
		ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1).put(bytes);
		if (bytes[bytes.length - 1] != '\n') {
			buffer.put((byte) '\n');
			lines++;
		}
		append(this.pending, buffer.flip());
		this.waiting.addAndGet(lines);
		return lines;
	}

	/** A decision the database refused: set aside for the operator, retried only when asked ({@link #resubmit()}). */
	synchronized void reject(PendingRecord record) {
		write(this.rejected, List.of(record));
	}

	/**
	 * The decisions set aside go back to the waiting decisions, as they are, to be checked and written again (the cause
	 * fixed): those that are still no decision this application would take are set aside again.
	 *
	 * @return how many lines went back
	 */
	synchronized long resubmit() throws IOException {
		if (!Files.exists(this.rejected)) {
			return 0;
		}
		long lines = appendLines(Files.readAllBytes(this.rejected));
		Files.delete(this.rejected);
		return lines;
	}

	/** How many lines are set aside. */
	synchronized long setAside() {
		Waiting waiting = count(this.rejected);
		return waiting.decisions() + waiting.unreadable();
	}

	private void write(Path file, List<PendingRecord> records) {
		StringBuilder text = new StringBuilder(records.size() * 160);
		records.forEach((record) -> text.append(this.lines.encode(record)).append('\n'));
		try {
			append(file, StandardCharsets.UTF_8.encode(text.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep consent records in " + file.toAbsolutePath(), ex);
		}
	}

	/**
	 * Appends lines to a file and forces them to disk. Lines cut short (a full disk) are taken back, so that the next
	 * append does not run on from the middle of a line.
	 */
	private static void append(Path file, ByteBuffer bytes) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			long before = channel.size();
			try {
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(false);
			}
			catch (IOException ex) {
				try {
					channel.truncate(before);
				}
				catch (IOException notTaken) {
					ex.addSuppressed(notTaken);
				}
				throw ex;
			}
		}
	}

	/**
	 * The records to write now: those of a file taken over before and not finished, else those of the pending file,
	 * which is taken over (new decisions start a new pending file). Empty when nothing waits. Each consent id once.
	 */
	synchronized List<PendingRecord> takeOver() throws IOException {
		if (!Files.exists(this.draining)) {
			if (!Files.exists(this.pending)) {
				return List.of();
			}
			Files.move(this.pending, this.draining, StandardCopyOption.ATOMIC_MOVE);
		}
		Map<String, PendingRecord> records = new LinkedHashMap<>();
		List<String> readable = new ArrayList<>();
		Map<String, Set<String>> refused = new TreeMap<>();
		try (BufferedReader reader = Files.newBufferedReader(this.draining, BYTES)) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isEmpty()) {
					continue;
				}
				WaitingLines.Reading reading = this.lines.read(line);
				PendingRecord record = reading.record();
				if (record != null) {
					// The same decision twice (kept in the file, then found again in a crashed run's journal): once. Another
					// decision under an id already read is no decision the endpoint made: set aside, not dropped.
					PendingRecord first = records.putIfAbsent(record.consentId(), record);
					if (first == null) {
						readable.add(line);
					}
					else if (!first.equals(record)) {
						refused.computeIfAbsent("a consent id already recorded with another decision",
								(problem) -> new LinkedHashSet<>()).add(line);
					}
				}
				else {
					// The same line twice (as above) is set aside once.
					refused.computeIfAbsent(String.valueOf(reading.problem()), (problem) -> new LinkedHashSet<>()).add(line);
				}
			}
		}
		if (!refused.isEmpty()) {
			setAside(readable, refused);
		}
		return new ArrayList<>(records.values());
	}

	/**
	 * Lines that are no decision to take (a crash in the middle of an append cuts the last one short; a hand edit; a
	 * line without its authentication code; a decision the endpoint could not have made) go to the rejected file as
	 * they are, for the operator, and out of the file being taken over, so that a later take-over does not set them
	 * aside twice. Never chained.
	 */
	private void setAside(List<String> readable, Map<String, Set<String>> refused) throws IOException {
		StringBuilder text = new StringBuilder();
		refused.values().forEach((lines) -> lines.forEach((line) -> text.append(line).append('\n')));
		append(this.rejected, BYTES.encode(text.toString()));
		Path rewritten = this.draining.resolveSibling(this.draining.getFileName() + ".tmp");
		Files.deleteIfExists(rewritten);
		append(rewritten, BYTES.encode(readable.isEmpty() ? "" : String.join("\n", readable) + "\n"));
		Files.move(rewritten, this.draining, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		refused.forEach((problem, lines) -> {
			logger.warn("Consent records: " + lines.size() + " lines of " + this.draining.toAbsolutePath() + " set aside in "
					+ this.rejected.toAbsolutePath() + ": " + problem);
			this.setAsideListener.accept(problem, lines.size());
		});
	}

	/** The records taken over are all in the database: the file goes. */
	synchronized void done() throws IOException {
		Files.deleteIfExists(this.draining);
		this.waiting.set(lines(this.pending));
	}

	/** The lines of a file, but empty ones; any line at all counts, so that a file of damaged lines is still taken. */
	private long lines(Path file) {
		Waiting waiting = count(file);
		return waiting.decisions() + waiting.unreadable();
	}

	/** What waits in the file (read as it is: nothing is taken over, nothing set aside). */
	synchronized Waiting count() {
		Waiting pending = count(this.pending);
		Waiting draining = count(this.draining);
		return new Waiting(pending.decisions() + draining.decisions(), pending.unreadable() + draining.unreadable());
	}

	private Waiting count(Path file) {
		if (!Files.exists(file)) {
			return new Waiting(0, 0);
		}
		try (var lines = Files.lines(file, BYTES)) {
			long[] counts = new long[2];
			lines.filter((line) -> !line.isEmpty())
				.forEach((line) -> counts[(this.lines.read(line).record() != null) ? 0 : 1]++);
			return new Waiting(counts[0], counts[1]);
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Cannot read " + file.toAbsolutePath() + " (" + ex.getMessage() + ")");
			return new Waiting(0, 0);
		}
	}

}
