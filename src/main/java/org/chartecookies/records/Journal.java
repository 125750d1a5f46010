package org.chartecookies.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The write-ahead log of the decisions: each one is appended to a file of the records folder and forced to disk before
 * the visitor is answered, so that a crash ({@code kill -9}, the out-of-memory killer) loses no decision answered,
 * whatever the writer had in memory. Group commit: the requests that arrive while one force is under way share the
 * next one, so the disk is forced once per group rather than once per decision.
 * <p>
 * The log is cut in segments. A segment is deleted once each of its decisions is settled (in the database, made
 * durable there, or in the file of waiting decisions) and a newer segment has taken over. What a
 * stopped or crashed process left is taken at the next start ({@link #recover()}): its lines go to the file of waiting
 * decisions, where the writer skips those already in the database.
 */
final class Journal {

	private static final Log logger = LogFactory.getLog(Journal.class);

	/** A segment is closed past this size, or this age: settled segments go, and a start has little to read. */
	private static final long SEGMENT_BYTES = 256 * 1024;

	private static final Duration SEGMENT_AGE = Duration.ofSeconds(10);

	/** A segment whose decisions are all settled goes once this old, when the writer is idle. */
	private static final Duration IDLE_AGE = Duration.ofSeconds(1);

	/**
	 * How long a settled segment is kept after it is closed: a database can lose commits it acknowledged and made
	 * durable (the embedded H2 did, after a full disk, a few hundred milliseconds' worth), and the writer, which finds
	 * its chain behind, then takes what the journal still holds again ({@link #handOver}).
	 */
	static final Duration KEEP = Duration.ofMinutes(5);

	private final long segmentBytes;

	private final long segmentNanos;

	private final long idleNanos;

	private final long keepNanos;

	private final Path folder;

	private final Codec codec;

	/** The decisions that arrive while a group is written go to disk together; the segments are worked on alone. */
	private final GroupCommit<Entry> commits;

	private final AtomicLong groups = new AtomicLong();

	private final Deque<JournalSegment> closed = new ArrayDeque<>();

	private @Nullable JournalSegment active;

	private long segments;

	/** Decisions in the journal only: neither in memory nor in the file of waiting decisions. */
	private final AtomicInteger orphans = new AtomicInteger();

	/** How each line is written and read: {@link SpillFile}'s format, authenticated when a key is configured. */
	interface Codec {

		String encode(PendingRecord record);

	}

	/** A decision in the log: in which segment, once forced; or why it could not be. */
	static final class Entry {

		final PendingRecord record;

		@Nullable JournalSegment segment;

		@Nullable IOException failure;


		Entry(PendingRecord record) {
			this.record = record;
		}

		PendingRecord record() {
			return this.record;
		}

		/** Whether the decision is in the log, forced to disk. */
		boolean durable() {
			return this.segment != null;
		}

	}

	Journal(Path folder, Codec codec) {
		this(folder, codec, SEGMENT_BYTES, SEGMENT_AGE, IDLE_AGE, KEEP);
	}

	Journal(Path folder, Codec codec, long segmentBytes, Duration segmentAge, Duration idleAge, Duration keep) {
		this.folder = folder;
		this.codec = codec;
		this.segmentBytes = segmentBytes;
		this.segmentNanos = segmentAge.toNanos();
		this.idleNanos = idleAge.toNanos();
		this.keepNanos = keep.toNanos();
		this.commits = new GroupCommit<>(this::write);
	}

	/**
	 * Makes the first segment at start, so that a folder that cannot take one (a full disk) is known before any
	 * decision is answered.
	 *
	 * @throws IOException when it cannot be made
	 */
	void open() throws IOException {
		this.commits.exclusively(() -> segment(0));
	}

	/**
	 * Appends the decision and returns once it is forced to disk with the others of its group ({@link GroupCommit});
	 * or, if the log cannot be written (a full disk, a folder gone read-only), once that is known:
	 * {@link Entry#failure} says why.
	 */
	Entry append(PendingRecord record) {
		Entry entry = new Entry(record);
		this.commits.join(entry);
		return entry;
	}

	/** How many decisions wait for the next group. */
	int waiting() {
		return this.commits.waiting();
	}

	/** How many groups were written: each is one force of the disk. */
	long groups() {
		return this.groups.get();
	}

	/** Writes and forces a group (the caller is the one writer). */
	private void write(List<Entry> group) {
		StringBuilder text = new StringBuilder();
		for (Entry entry : group) {
			text.append(this.codec.encode(entry.record)).append('\n');
		}
		ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
		try {
			JournalSegment segment = segment(bytes.remaining());
			segment.append(bytes, group.size());
			this.groups.incrementAndGet();
			for (Entry entry : group) {
				entry.segment = segment;
			}
		}
		catch (IOException ex) {
			for (Entry entry : group) {
				entry.failure = ex;
			}
		}
	}

	/** The segment to write to: a new one when there is none, or the current one is full or old. */
	private JournalSegment segment(int bytes) throws IOException {
		JournalSegment current = this.active;
		if (current != null && current.used()
				&& (!current.fits(bytes, this.segmentBytes) || current.age(System.nanoTime()) >= this.segmentNanos)) {
			close(current);
			current = null;
		}
		if (current == null) {
			current = new JournalSegment(JournalSegment.name(this.folder, ++this.segments), this.segmentBytes);
			this.active = current;
			// The new file's name is on disk too before anything in it counts as kept.
			try (FileChannel directory = FileChannel.open(this.folder, StandardOpenOption.READ)) {
				directory.force(true);
			}
		}
		return current;
	}

	private void close(JournalSegment segment) {
		try {
			segment.close();
		}
		catch (IOException ex) {
			logger.warn("Consent records: cannot close " + segment.path().toAbsolutePath() + " (" + ex.getMessage() + ")");
		}
		synchronized (this.closed) {
			this.closed.add(segment);
		}
		this.active = null;
	}

	/** These decisions are in the database or in the file of waiting decisions: their segments may go. */
	void settled(List<Entry> entries) {
		for (Entry entry : entries) {
			JournalSegment segment = entry.segment;
			if (segment != null) {
				segment.settle();
			}
		}
	}

	/**
	 * Deletes the closed segments whose decisions are all settled (in the database, made durable there, or in the
	 * file of waiting decisions) and that were kept {@link #KEEP} since. Called by the writer's thread only.
	 *
	 * @param idle also closes the current segment when everything in it is settled (nothing is being appended)
	 */
	void release(boolean idle) {
		if (idle) {
			// Not while a group is being written to it: then it is not idle.
			this.commits.unlessWriting(() -> {
				JournalSegment current = this.active;
				if (current != null && current.used() && current.isSettled()
						&& current.age(System.nanoTime()) >= this.idleNanos) {
					close(current);
				}
			});
		}
		List<JournalSegment> done = new ArrayList<>();
		long now = System.nanoTime();
		synchronized (this.closed) {
			while (!this.closed.isEmpty() && this.closed.peekFirst().isSettled()
					&& this.closed.peekFirst().closedFor(now) >= this.keepNanos) {
				done.add(this.closed.pollFirst());
			}
		}
		delete(done);
	}

	private static void delete(List<JournalSegment> segments) {
		for (JournalSegment segment : segments) {
			try {
				Files.deleteIfExists(segment.path());
			}
			catch (IOException ex) {
				logger.warn("Consent records: cannot delete " + segment.path().toAbsolutePath() + " (" + ex.getMessage() + ")");
			}
		}
	}

	/**
	 * At start, before anything is appended: the segments a previous process left (it stopped, or crashed) go, line for
	 * line, to the end of the file of waiting decisions, and are deleted once that is forced to disk.
	 *
	 * @return how many lines were taken
	 */
	long recover(SpillFile waiting) throws IOException {
		long lines = 0;
		for (Path file : JournalSegment.in(this.folder)) {
			if (mine(file)) {
				continue;
			}
			lines += waiting.appendLines(JournalSegment.written(file));
			Files.delete(file);
		}
		return lines;
	}

	/** Whether the file is one of this journal's own segments (decisions taken before the writer started). */
	private boolean mine(Path file) {
		synchronized (this.closed) {
			JournalSegment current = this.active;
			return (current != null && current.path().equals(file))
					|| this.closed.stream().anyMatch((segment) -> segment.path().equals(file));
		}
	}

	/** A decision is in the journal only: it must go to the file of waiting decisions with the rest of the journal. */
	void orphaned() {
		this.orphans.incrementAndGet();
	}

	int orphans() {
		return this.orphans.get();
	}

	/**
	 * Every segment, line for line, to the end of the file of waiting decisions, then deleted: what the journal alone
	 * held is kept there (the decisions also in memory or in the database are skipped when the file is taken).
	 *
	 * @return how many lines were handed over
	 * @throws IOException when the file cannot take them (the segments stay)
	 */
	long handOver(SpillFile waiting) throws IOException {
		return this.commits.exclusively(() -> {
			int orphaned = this.orphans.get();
			JournalSegment current = this.active;
			if (current != null) {
				close(current);
			}
			long lines = 0;
			synchronized (this.closed) {
				while (!this.closed.isEmpty()) {
					JournalSegment segment = this.closed.peekFirst();
					lines += waiting.appendLines(JournalSegment.written(segment.path()));
					Files.deleteIfExists(segment.path());
					this.closed.pollFirst();
				}
			}
			this.orphans.addAndGet(-orphaned);
			return lines;
		});
	}

	/**
	 * At shutdown, once every decision is settled: every segment goes, the current one too (the database closes
	 * cleanly after this, with its commits on disk).
	 */
	void closeAtShutdown() {
		try {
			this.commits.exclusively(() -> {
				JournalSegment current = this.active;
				if (current != null) {
					close(current);
				}
				return null;
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<JournalSegment> done = new ArrayList<>();
		synchronized (this.closed) {
			this.closed.removeIf((segment) -> segment.isSettled() && done.add(segment));
		}
		delete(done);
	}

}
