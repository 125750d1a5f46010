package org.chartecookies.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal a decision is on disk in before its visitor is answered: every decision appended by concurrent requests
 * is in it once, each in the segment its entry names; segments go only once every decision in them is settled (the
 * writer settles them once the database's commits are durable); what a previous run left goes to the file of waiting decisions at the next start.
 */
class JournalTest {

	private static final WaitingLines LINES = Records.lines(Clock.systemUTC());

	@TempDir
	Path folder;

	private List<Path> segments() throws IOException {
		try (Stream<Path> files = Files.list(this.folder)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("journal-")).sorted().toList();
		}
	}

	private List<String> lines() throws IOException {
		List<String> lines = new ArrayList<>();
		for (Path segment : segments()) {
			new String(JournalSegment.written(segment), java.nio.charset.StandardCharsets.UTF_8).lines().forEach(lines::add);
		}
		return lines;
	}

	/** What the verification says a crash left: the journal's decisions that the database lacks. */
	@Test
	void theDecisionsOfAJournalThatTheDatabaseLacksAreCounted() throws Exception {
		assertThat(JournalSegment.notRecorded(this.folder.resolve("none"), LINES, (ids) -> Set.of())).isZero();
		Journal journal = new Journal(this.folder, LINES);
		List<PendingRecord> decided = new ArrayList<>();
		for (int i = 0; i < 1_500; i++) {
			PendingRecord decision = Records.decision("custom", Instant.now());
			decided.add(decision);
			journal.append(decision);
		}
		Set<String> recorded = Set.of(decided.get(0).consentId(), decided.get(1_200).consentId());

		assertThat(JournalSegment.notRecorded(this.folder, LINES,
				(ids) -> ids.stream().filter(recorded::contains).collect(java.util.stream.Collectors.toSet())))
			.isEqualTo(1_498);
	}

	/**
	 * A crash in the middle of a group's writing leaves a line cut short after the last whole one (its visitors were
	 * never answered): the verification's count reads past it, counting the whole lines only.
	 */
	@Test
	void aLineCutShortByACrashIsNotCountedAndDoesNotStopTheCount() throws Exception {
		Journal journal = new Journal(this.folder, LINES);
		for (int i = 0; i < 3; i++) {
			journal.append(Records.decision("custom", Instant.now()));
		}
		Path segment = segments().getFirst();
		String whole = LINES.encode(Records.decision("accept-all", Instant.now()));
		try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(segment,
				java.nio.file.StandardOpenOption.WRITE)) {
			file.write(java.nio.ByteBuffer.wrap(("\n" + whole.substring(0, whole.length() / 2))
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), JournalSegment.written(segment).length);
		}

		assertThat(JournalSegment.notRecorded(this.folder, LINES, (ids) -> Set.of())).isEqualTo(3);
	}

	@Test
	void everyDecisionOfConcurrentRequestsIsOnDiskOnceWhenItsAppendReturns() throws Exception {
		Journal journal = new Journal(this.folder, LINES);
		List<Journal.Entry> entries = Collections.synchronizedList(new ArrayList<>());
		ExecutorService requests = Executors.newFixedThreadPool(16);
		List<Future<?>> done = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			done.add(requests.submit(() -> {
				for (int j = 0; j < 100; j++) {
					Journal.Entry entry = journal.append(Records.decision("accept-all", RecordStoreContract.NOW));
					// Returned: on disk already, whatever the other requests do next.
					assertThat(entry.durable()).isTrue();
					entries.add(entry);
				}
			}));
		}
		for (Future<?> request : done) {
			request.get();
		}
		requests.shutdown();

		List<String> expected = entries.stream().map((entry) -> LINES.encode(entry.record())).toList();
		assertThat(lines()).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void decisionsArrivingWhileAGroupIsWrittenGoTogetherInTheNextOne() throws Exception {
		// The first group's writing waits until seven more decisions wait: they are written as one group, one force.
		AtomicBoolean first = new AtomicBoolean(true);
		Journal[] holder = new Journal[1];
		Journal journal = new Journal(this.folder, (record) -> {
			if (first.getAndSet(false)) {
				await().atMost(Duration.ofSeconds(30)).until(() -> holder[0].waiting() == 7);
			}
			return LINES.encode(record);
		});
		holder[0] = journal;
		ExecutorService requests = Executors.newFixedThreadPool(8);
		List<Future<Journal.Entry>> entries = new ArrayList<>();
		entries.add(requests.submit(() -> journal.append(Records.decision("accept-all", RecordStoreContract.NOW))));
		await().atMost(Duration.ofSeconds(30)).until(() -> !first.get());
		for (int i = 0; i < 7; i++) {
			entries.add(requests.submit(() -> journal.append(Records.decision("reject-all", RecordStoreContract.NOW))));
		}
		for (Future<Journal.Entry> entry : entries) {
			assertThat(entry.get().durable()).isTrue();
		}
		requests.shutdown();

		assertThat(journal.groups()).isEqualTo(2);
		assertThat(lines()).hasSize(8);
	}

	/** Every operation of the writer's thread leaves the journal to the requests' threads. */
	@Test
	void requestsAreServedAfterEachOperationOfTheWritersThread() throws Exception {
		Journal journal = new Journal(this.folder, LINES, 1, Duration.ofHours(1), Duration.ZERO, Duration.ZERO);
		RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
		SpillFile waiting = new SpillFile(this.folder, LINES, keeping::setAside);
		ExecutorService request = Executors.newSingleThreadExecutor();
		Runnable[] operations = { () -> {
			try {
				journal.open();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}, () -> journal.release(true), journal::waiting, () -> {
			try {
				journal.handOver(waiting);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}, journal::closeAtShutdown };
		try {
			for (Runnable operation : operations) {
				operation.run();
				Journal.Entry entry = request.submit(() -> journal.append(Records.decision("accept-all", RecordStoreContract.NOW)))
					.get(10, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(entry.durable()).isTrue();
				journal.settled(List.of(entry));
			}
		}
		finally {
			request.shutdownNow();
		}
	}

	@Test
	void aSegmentGoesOnceEveryDecisionInItIsSettledAndNoneBeforeItIsLeft() throws Exception {
		// Every group in a segment of its own.
		Journal journal = new Journal(this.folder, LINES, 1, Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO);
		Journal.Entry first = journal.append(Records.decision("accept-all", RecordStoreContract.NOW));
		Journal.Entry second = journal.append(Records.decision("reject-all", RecordStoreContract.NOW));
		Journal.Entry third = journal.append(Records.decision("custom", RecordStoreContract.NOW));
		assertThat(segments()).hasSize(3);

		journal.settled(List.of(second));
		journal.release(false);
		assertThat(segments()).as("the first segment is not settled: none after it goes either").hasSize(3);

		journal.settled(List.of(first, third));
		journal.release(false);
		assertThat(lines()).as("the current segment stays while decisions may come")
			.containsExactly(LINES.encode(third.record()));
	}

	@Test
	void aSettledSegmentIsKeptAWhileForADatabaseThatLosesWhatItAcknowledged() throws Exception {
		Journal journal = new Journal(this.folder, LINES, 1, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
		Journal.Entry first = journal.append(Records.decision("accept-all", RecordStoreContract.NOW));
		journal.append(Records.decision("reject-all", RecordStoreContract.NOW));
		journal.settled(List.of(first));

		journal.release(true);

		assertThat(segments()).hasSize(2);
	}

	@Test
	void whenIdleTheCurrentSegmentGoesOnceSettledAndANewOneStartsWithTheNextDecision() throws Exception {
		Journal journal = new Journal(this.folder, LINES, 1 << 20, Duration.ofHours(1), Duration.ZERO, Duration.ZERO);
		Journal.Entry entry = journal.append(Records.decision("accept-all", RecordStoreContract.NOW));
		journal.release(true);
		assertThat(segments()).as("not settled yet").hasSize(1);

		journal.settled(List.of(entry));
		journal.release(false);
		assertThat(segments()).as("not idle").hasSize(1);
		journal.release(true);
		assertThat(segments()).isEmpty();

		Journal.Entry next = journal.append(Records.decision("reject-all", RecordStoreContract.NOW));
		assertThat(lines()).containsExactly(LINES.encode(next.record()));
	}

	@Test
	void whatAPreviousRunLeftGoesToTheWaitingDecisionsAndThisRunsOwnSegmentsStay() throws Exception {
		Journal crashed = new Journal(this.folder, LINES, 1, Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO);
		PendingRecord one = Records.decision("accept-all", RecordStoreContract.NOW);
		PendingRecord two = Records.decision("reject-all", RecordStoreContract.NOW);
		crashed.append(one);
		crashed.append(two);
		// A crash in the middle of a group: the last line cut short.
		Files.writeString(this.folder.resolve("journal-9999999999999-1.log"), "r1\tcut-short");
		// This run's decisions taken before the writer started: one in a segment closed already, one in the current.
		Journal next = new Journal(this.folder, LINES, 1, Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO);
		PendingRecord earlier = Records.decision("accept-all", RecordStoreContract.NOW);
		PendingRecord mine = Records.decision("custom", RecordStoreContract.NOW);
		next.append(earlier);
		next.append(mine);
		RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
		SpillFile waiting = new SpillFile(this.folder, LINES, keeping::setAside);

		assertThat(next.recover(waiting)).isEqualTo(3);

		assertThat(lines()).containsExactly(LINES.encode(earlier), LINES.encode(mine));
		assertThat(waiting.waiting()).isEqualTo(3);
		assertThat(waiting.takeOver()).containsExactlyInAnyOrder(one, two);
		assertThat(Files.readAllLines(this.folder.resolve(SpillFile.REJECTED))).containsExactly("r1\tcut-short");
	}

	@Test
	void aJournalThatCannotBeWrittenSaysSoForEachDecision() {
		Journal journal = new Journal(this.folder.resolve("gone"), LINES);

		Journal.Entry entry = journal.append(Records.decision("accept-all", RecordStoreContract.NOW));

		assertThat(entry.durable()).isFalse();
		assertThat(entry.failure).isNotNull();
		// Kept in the database or the file instead: nothing of the journal to settle.
		journal.settled(List.of(entry));
		journal.release(true);
	}


	@Test
	void decisionsInTheJournalOnlyGoToTheWaitingFileWithTheWholeJournal() throws Exception {
		Journal journal = new Journal(this.folder, LINES, 1, Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO);
		PendingRecord settled = Records.decision("accept-all", RecordStoreContract.NOW);
		PendingRecord orphan = Records.decision("reject-all", RecordStoreContract.NOW);
		journal.settled(List.of(journal.append(settled)));
		journal.append(orphan);
		journal.orphaned();
		RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
		SpillFile waiting = new SpillFile(this.folder, LINES, keeping::setAside);
		assertThat(journal.orphans()).isEqualTo(1);

		assertThat(journal.handOver(waiting)).isEqualTo(2);

		assertThat(journal.orphans()).isZero();
		assertThat(segments()).isEmpty();
		assertThat(waiting.takeOver()).containsExactlyInAnyOrder(settled, orphan);
		PendingRecord next = Records.decision("custom", RecordStoreContract.NOW);
		journal.append(next);
		assertThat(lines()).containsExactly(LINES.encode(next));
	}

	@Test
	void aJournalWithNothingInItHandsOverNothing() throws Exception {
		Journal journal = new Journal(this.folder, LINES);
		RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
		SpillFile waiting = new SpillFile(this.folder, LINES, keeping::setAside);

		assertThat(journal.handOver(waiting)).isZero();

		assertThat(waiting.waiting()).isZero();
		PendingRecord next = Records.decision("custom", RecordStoreContract.NOW);
		journal.append(next);
		assertThat(lines()).containsExactly(LINES.encode(next));
	}

	@Test
	void atShutdownTheCurrentSegmentGoesOnceSettled() throws Exception {
		Journal journal = new Journal(this.folder, LINES);
		Journal.Entry entry = journal.append(Records.decision("accept-all", RecordStoreContract.NOW));
		journal.closeAtShutdown();
		assertThat(segments()).as("not settled").hasSize(1);

		journal.settled(List.of(entry));
		journal.closeAtShutdown();

		assertThat(segments()).isEmpty();
	}

	@Test
	void aSegmentIsClosedOnceFullOrOldAndNotBefore() throws Exception {
		String line = LINES.encode(Records.decision("accept-all", RecordStoreContract.NOW)) + "\n";
		// Room for exactly two lines of this length.
		Journal bySize = new Journal(this.folder, LINES, 2L * line.length(), Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO);
		bySize.append(Records.decision("accept-all", RecordStoreContract.NOW));
		bySize.append(Records.decision("accept-all", RecordStoreContract.NOW));
		assertThat(segments()).hasSize(1);
		bySize.append(Records.decision("accept-all", RecordStoreContract.NOW));
		assertThat(segments()).hasSize(2);
	}

	@Test
	void aSegmentOlderThanItsAgeIsClosedAtTheNextDecision() throws Exception {
		Journal byAge = new Journal(this.folder, LINES, 1 << 20, Duration.ZERO, Duration.ofHours(1), Duration.ZERO);
		byAge.append(Records.decision("accept-all", RecordStoreContract.NOW));
		byAge.append(Records.decision("accept-all", RecordStoreContract.NOW));

		assertThat(segments()).hasSize(2);
	}

}
