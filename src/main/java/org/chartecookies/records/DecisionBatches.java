package org.chartecookies.records;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The decisions on their way to the database, in memory: the bounded queue the visitors' requests offer them to, and
 * the batch the writer's thread took from it, kept until the database or the file takes it.
 */
final class DecisionBatches {

	/** How long a batch that is not full waits for more decisions (see {@link #fill}). */
	static final Duration LINGER = Duration.ofMillis(50);

	private final BlockingQueue<Journal.Entry> queue;

	private final int batchSize;

	/** Taken from the queue and neither in the database nor in the file yet: tried again until one takes them. */
	private final List<Journal.Entry> retained = new ArrayList<>();

	/**
	 * Decisions taken from the queue and not yet in the database or the file: {@link #retained}'s size, kept with it
	 * wherever it changes, for the backlog read from other threads.
	 */
	private volatile int inFlight;

	DecisionBatches(int capacity, int batchSize) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.batchSize = batchSize;
	}

	/** Queues a decision, on the visitor's request; false when the queue is full. */
	boolean offer(Journal.Entry entry) {
		return this.queue.offer(entry);
	}

	/** Decisions waiting in memory: queued, and taken from the queue. */
	int waiting() {
		return this.queue.size() + this.inFlight;
	}

	/** Whether a batch was taken from the queue and is neither in the database nor in the file yet. */
	boolean pending() {
		return !this.retained.isEmpty();
	}

	/** Whether nothing waits in memory. */
	boolean idle() {
		return this.queue.isEmpty() && this.retained.isEmpty();
	}

	/**
	 * The batch to deliver, the writer's thread's alone: the one kept, else the decisions that arrive within 200
	 * milliseconds (empty when none does).
	 *
	 * @param running whether the writer runs (it does not linger once stopped)
	 */
	List<Journal.Entry> next(BooleanSupplier running) throws InterruptedException {
		if (this.retained.isEmpty()) {
			Journal.Entry first = this.queue.poll(200, TimeUnit.MILLISECONDS);
			if (first != null) {
				this.retained.add(first);
				fill(this.retained, running);
			}
		}
		return this.retained;
	}

	/**
	 * Fills a batch with what waits, after {@link #LINGER} unless a full batch already waits: under load a few large
	 * transactions rather than one per handful of decisions (each costs a commit, the chain head's update and a
	 * connection's round trip), which leaves the visitors' requests the processor time. A decision reaches the database
	 * at most that much later; it is on disk in the journal meanwhile.
	 * <p>
	 * The writer sleeps through the linger rather than waiting on the queue: a thread waiting on the queue is woken by
	 * every decision offered, which handed the queue's lock back and forth and cost context switches on the request's
	 * thread as well as this one.
	 */
	private void fill(List<Journal.Entry> batch, BooleanSupplier running) throws InterruptedException {
		int size = this.batchSize;
		this.inFlight = batch.size();
		if (this.queue.size() < size - batch.size() && running.getAsBoolean()) {
			Thread.sleep(LINGER.toMillis());
		}
		this.queue.drainTo(batch, size - batch.size());
		this.inFlight = batch.size();
	}

	/** The batch is in the database or in the file. */
	void delivered() {
		this.retained.clear();
		this.inFlight = 0;
	}

	/** Decisions to write again, before the batch kept. */
	void again(List<Journal.Entry> entries) {
		this.retained.addAll(0, entries);
		this.inFlight = this.retained.size();
	}

	/** At shutdown: the batch kept, else the next one from the queue, without waiting (empty when none). */
	List<Journal.Entry> nextAtShutdown() {
		if (this.retained.isEmpty()) {
			this.queue.drainTo(this.retained, this.batchSize);
			this.inFlight = this.retained.size();
		}
		return this.retained;
	}

	/** Everything in memory, once the writer's thread stopped: no longer kept here. */
	List<Journal.Entry> drain() {
		List<Journal.Entry> left = new ArrayList<>(this.retained);
		delivered();
		this.queue.drainTo(left);
		return left;
	}

}
