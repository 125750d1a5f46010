package org.chartecookies.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** One file of the {@link Journal}: made with its bytes, written group by group, settled decision by decision. */
final class JournalSegment {

	private static final String PREFIX = "journal-";

	private static final String SUFFIX = ".log";

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
	JournalSegment(Path path, long bytes) throws IOException {
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

	/** The name of a folder's next segment. */
	static Path name(Path folder, long number) {
		return folder.resolve(PREFIX + System.currentTimeMillis() + "-" + number + SUFFIX);
	}

	/** The segments in a folder, oldest first. */
	static List<Path> in(Path folder) throws IOException {
		List<Path> segments = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
			files.forEach(segments::add);
		}
		segments.sort(null);
		return segments;
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

	/**
	 * How many decisions the segments in a folder hold that the database lacks (a journal a crash left, before the next
	 * start hands it to the file): read only, for the verification.
	 */
	static long notRecorded(Path folder, WaitingLines lines, Function<Collection<String>, Set<String>> recorded)
			throws IOException {
		List<String> ids = new ArrayList<>();
		if (Files.isDirectory(folder)) {
			for (Path file : in(folder)) {
				for (String line : new String(written(file), StandardCharsets.ISO_8859_1).split("\n")) {
					PendingRecord record = line.isEmpty() ? null : lines.read(line).record();
					if (record != null) {
						ids.add(record.consentId());
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

	Path path() {
		return this.path;
	}

	/** Whether the group fits in what is left of the segment's bytes. */
	boolean fits(int bytes, long capacity) {
		return this.size + bytes <= capacity;
	}

	/** Whether a group was written to it. */
	boolean used() {
		return this.appended > 0;
	}

	/** How long ago it was opened, in nanoseconds. */
	long age(long now) {
		return now - this.openedAt;
	}

	/** How long ago it was closed, in nanoseconds. */
	long closedFor(long now) {
		return now - this.closedAt;
	}

	/**
	 * Writes a group of decisions after those written before, and forces it to disk (the caller is the one writer).
	 *
	 * @throws IOException when it cannot: the segment then takes no more groups
	 */
	void append(ByteBuffer bytes, int decisions) throws IOException {
		long position = this.size;
		try {
			while (bytes.hasRemaining()) {
				position += this.channel.write(bytes, position);
			}
			this.channel.force(false);
		}
		catch (IOException ex) {
			// A group cut short leaves no part of a line for the next group to follow: the next goes to a new segment
			// (what was written of this one is set aside as unreadable when the segment is read).
			this.size = Long.MAX_VALUE / 2;
			throw ex;
		}
		this.size = position;
		this.appended += decisions;
	}

	/** One of its decisions is settled. */
	void settle() {
		this.settled.incrementAndGet();
	}

	boolean isSettled() {
		return this.settled.get() >= this.appended;
	}

	/** No group is written to it any more. */
	void close() throws IOException {
		this.closedAt = System.nanoTime();
		this.channel.close();
	}

}
