package org.chartecookies.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

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

	private static final String PREFIX = "journal-";

	private static final String SUFFIX = ".log";

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

	private final ReentrantLock lock = new ReentrantLock();

	/** The group decisions join while another is written (guarded by the lock). */
	private Group open = new Group();

	/** Whether a group is being written, or the segments worked on (guarded by the lock): one at a time. */
	private boolean writing;

	private final Condition notWriting = this.lock.newCondition();

	private final AtomicLong groups = new AtomicLong();

	private final Deque<Segment> closed = new ArrayDeque<>();

	private @Nullable Segment active;

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

		@Nullable Segment segment;

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

	/** One file of the log. */
	static final class Segment {

		private final Path path;

		private final FileChannel channel;

		private final long openedAt = System.nanoTime();

		/** When it was closed: it is kept a while after (see {@link Journal#KEEP}). */
		private volatile long closedAt;

		private long size;

		/** Written once the segment is closed: only the flusher appends. */
		private volatile int appended;

		private final AtomicInteger settled = new AtomicInteger();

		/**
		 * A new segment, its bytes written (zeros) and forced once: each group then overwrites them, so that forcing it
		 * writes the data only, never the file's size or its blocks' allocation (about half the cost of a force that
		 * grows the file, measured here), and a full disk cannot refuse it.
		 */
		private Segment(Path path, long bytes) throws IOException {
			this.path = path;
			this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			try {
				ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(bytes, Integer.MAX_VALUE));
				while (zeros.hasRemaining()) {
					this.channel.write(zeros);
				}
				this.channel.force(true);
			}
			catch (IOException ex) {
				this.channel.close();
				Files.deleteIfExists(path);
				throw ex;
			}
		}

		/** Whether the group fits in what is left of the segment's bytes. */
		boolean fits(int bytes, long capacity) {
			return this.size + bytes <= capacity;
		}

		boolean isSettled() {
			return this.settled.get() >= this.appended;
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
	}

	/**
	 * Makes the first segment at start, so that a folder that cannot take one (a full disk) is known before any
	 * decision is answered.
	 *
	 * @throws IOException when it cannot be made
	 */
	void open() throws IOException {
		exclusively(() -> segment(0));
	}

	/**
	 * Appends the decision and returns once it is forced to disk with the others of its group; or, if the log cannot
	 * be written (a full disk, a folder gone read-only), once that is known: {@link Entry#failure} says why.
	 * <p>
	 * Group commit: the first request to find no write under way writes everything waiting, as one group, and forces
	 * it; the requests that arrive meanwhile join the next group, which one of them writes once the write before is
	 * done. Each waits for its own group only, and is woken once: waiting for a lock instead, it queued behind every
	 * later group (measured, groups of one decision); woken with every group, sixteen requests woke each other in turn.
	 */
	Entry append(PendingRecord record) {
		Entry entry = new Entry(record);
		Group group;
		this.lock.lock();
		try {
			group = this.open;
			group.entries.add(entry);
			// Woken once the group is written (by another), or to write it when the writer before is done.
			while (this.writing && !group.done) {
				group.written.awaitUninterruptibly();
			}
			if (group.done) {
				return entry;
			}
			this.writing = true;
			this.open = new Group();
		}
		finally {
			this.lock.unlock();
		}
		try {
			write(group.entries);
		}
		finally {
			this.lock.lock();
			try {
				group.done = true;
				group.written.signalAll();
				doneWriting();
			}
			finally {
				this.lock.unlock();
			}
		}
		return entry;
	}

	/** The decisions that go to disk together, and who waits for them (only they are woken when they are written). */
	private final class Group {

		final List<Entry> entries = new ArrayList<>();

		final Condition written = Journal.this.lock.newCondition();

		boolean done;

	}

	/** No group is written now: one request of the next group, if any waits, writes it (the caller holds the lock). */
	private void doneWriting() {
		this.writing = false;
		this.open.written.signal();
		this.notWriting.signalAll();
	}

	/** How many decisions wait for the next group. */
	int waiting() {
		this.lock.lock();
		try {
			return this.open.entries.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How many groups were written: each is one force of the disk. */
	long groups() {
		return this.groups.get();
	}

	/** Runs the work while no group is being written, and no group is written meanwhile. */
	private <T> T exclusively(IoWork<T> work) throws IOException {
		this.lock.lock();
		try {
			while (this.writing) {
				this.notWriting.awaitUninterruptibly();
			}
			this.writing = true;
		}
		finally {
			this.lock.unlock();
		}
		try {
			return work.run();
		}
		finally {
			this.lock.lock();
			try {
				doneWriting();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private interface IoWork<T> {

		T run() throws IOException;

	}

	/** Writes and forces a group (the caller is the one writer). */
	private void write(List<Entry> group) {
		StringBuilder text = new StringBuilder();
		for (Entry entry : group) {
			text.append(this.codec.encode(entry.record)).append('\n');
		}
		ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
		try {
			Segment segment = segment(bytes.remaining());
			long position = segment.size;
			try {
				while (bytes.hasRemaining()) {
					position += segment.channel.write(bytes, position);
				}
				segment.channel.force(false);
			}
			catch (IOException ex) {
				// A group cut short leaves no part of a line for the next group to follow: the next goes to a new segment
				// (what was written of this one is set aside as unreadable when the segment is read).
				segment.size = Long.MAX_VALUE / 2;
				throw ex;
			}
			segment.size = position;
			segment.appended += group.size();
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
	private Segment segment(int bytes) throws IOException {
		Segment current = this.active;
		if (current != null && current.appended > 0
				&& (!current.fits(bytes, this.segmentBytes) || System.nanoTime() - current.openedAt >= this.segmentNanos)) {
			close(current);
			current = null;
		}
		if (current == null) {
			current = new Segment(this.folder.resolve(PREFIX + System.currentTimeMillis() + "-" + (++this.segments) + SUFFIX),
					this.segmentBytes);
			this.active = current;
			// The new file's name is on disk too before anything in it counts as kept.
			try (FileChannel directory = FileChannel.open(this.folder, StandardOpenOption.READ)) {
				directory.force(true);
			}
		}
		return current;
	}

	private void close(Segment segment) {
		segment.closedAt = System.nanoTime();
		try {
			segment.channel.close();
		}
		catch (IOException ex) {
			logger.warn("Consent records: cannot close " + segment.path.toAbsolutePath() + " (" + ex.getMessage() + ")");
		}
		synchronized (this.closed) {
			this.closed.add(segment);
		}
		this.active = null;
	}

	/** These decisions are in the database or in the file of waiting decisions: their segments may go. */
	void settled(List<Entry> entries) {
		for (Entry entry : entries) {
			Segment segment = entry.segment;
			if (segment != null) {
				segment.settled.incrementAndGet();
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
			this.lock.lock();
			try {
				// Not while a group is being written to it: then it is not idle.
				Segment current = this.active;
				if (!this.writing && current != null && current.appended > 0 && current.isSettled()
						&& System.nanoTime() - current.openedAt >= this.idleNanos) {
					close(current);
				}
			}
			finally {
				this.lock.unlock();
			}
		}
		List<Segment> done = new ArrayList<>();
		long now = System.nanoTime();
		synchronized (this.closed) {
			while (!this.closed.isEmpty() && this.closed.peekFirst().isSettled()
					&& now - this.closed.peekFirst().closedAt >= this.keepNanos) {
				done.add(this.closed.pollFirst());
			}
		}
		delete(done);
	}

	private static void delete(List<Segment> segments) {
		for (Segment segment : segments) {
			try {
				Files.deleteIfExists(segment.path);
			}
			catch (IOException ex) {
				logger.warn("Consent records: cannot delete " + segment.path.toAbsolutePath() + " (" + ex.getMessage() + ")");
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
		List<Path> left = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.folder, PREFIX + "*" + SUFFIX)) {
			files.forEach(left::add);
		}
		left.sort(null);
		long lines = 0;
		for (Path file : left) {
			if (mine(file)) {
				continue;
			}
			lines += waiting.appendLines(written(file));
			Files.delete(file);
		}
		return lines;
	}

	/**
	 * How many decisions the segments in a folder hold that the database lacks (a journal a crash left, before the next
	 * start hands it to the file): read only, for the verification.
	 */
	static long notRecorded(Path folder, WaitingLines lines, Function<Collection<String>, Set<String>> recorded)
			throws IOException {
		List<String> ids = new ArrayList<>();
		if (Files.isDirectory(folder)) {
			try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
				for (Path file : files) {
					for (String line : new String(written(file), StandardCharsets.ISO_8859_1).split("\n")) {
						PendingRecord record = line.isEmpty() ? null : lines.read(line).record();
						if (record != null) {
							ids.add(record.consentId());
						}
					}
				}
			}
		}
		long missing = 0;
		for (int start = 0; start < ids.size(); start += 1000) {
			List<String> some = ids.subList(start, Math.min(ids.size(), start + 1000));
			missing += some.size() - recorded.apply(some).size();
		}
		return missing;
	}

	/** What was written in a segment: its bytes up to the first of the zeros it was made with. */
	static byte[] written(Path segment) throws IOException {
		byte[] bytes = Files.readAllBytes(segment);
		int end = 0;
		while (end < bytes.length && bytes[end] != 0) {
			end++;
		}
		return Arrays.copyOf(bytes, end);
	}

	/** Whether the file is one of this journal's own segments (decisions taken before the writer started). */
	private boolean mine(Path file) {
		synchronized (this.closed) {
			Segment current = this.active;
			return (current != null && current.path.equals(file))
					|| this.closed.stream().anyMatch((segment) -> segment.path.equals(file));
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
		return exclusively(() -> {
			int orphaned = this.orphans.get();
			Segment current = this.active;
			if (current != null) {
				close(current);
			}
			long lines = 0;
			synchronized (this.closed) {
				while (!this.closed.isEmpty()) {
					Segment segment = this.closed.peekFirst();
					lines += waiting.appendLines(written(segment.path));
					Files.deleteIfExists(segment.path);
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
			exclusively(() -> {
				Segment current = this.active;
				if (current != null) {
					close(current);
				}
				return null;
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Segment> done = new ArrayList<>();
		synchronized (this.closed) {
			this.closed.removeIf((segment) -> segment.isSettled() && done.add(segment));
		}
		delete(done);
	}


}
