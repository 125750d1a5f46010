package org.chartecookies.records;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit: the items that arrive while one group is being written join the next group, which one of their
 * threads writes once the write before is done, so that a costly write (a force of the disk) is made once per group
 * rather than once per item. One group is written at a time.
 *
 * @param <T> what is written
 */
final class GroupCommit<T> {

	private final ReentrantLock lock = new ReentrantLock();

	/** Writes a group (one thread at a time). */
	private final Consumer<List<T>> write;

	/** The group items join while another is written (guarded by the lock). */
	private Group open = new Group();

	/** Whether a group is being written, or other work done exclusively (guarded by the lock): one at a time. */
	private boolean writing;

	private final Condition notWriting = this.lock.newCondition();

	GroupCommit(Consumer<List<T>> write) {
		this.write = write;
	}

	/**
	 * Adds the item to the open group and returns once that group is written.
	 * <p>
	 * The first thread to find no write under way writes everything waiting, as one group; the threads that arrive
	 * meanwhile join the next group, which one of them writes once the write before is done. Each waits for its own
	 * group only, and is woken once: waiting for a lock instead, it queued behind every later group (measured, groups
	 * of one decision); woken with every group, sixteen requests woke each other in turn.
	 */
	void join(T item) {
		Group group;
		this.lock.lock();
		try {
			group = this.open;
			group.items.add(item);
			// Woken once the group is written (by another), or to write it when the writer before is done.
			while (this.writing && !group.done) {
				group.written.awaitUninterruptibly();
			}
			if (group.done) {
				return;
			}
			this.writing = true;
			this.open = new Group();
		}
		finally {
			this.lock.unlock();
		}
		try {
			this.write.accept(group.items);
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
	}

	/** The items that go to disk together, and who waits for them (only they are woken when they are written). */
	private final class Group {

		final List<T> items = new ArrayList<>();

		final Condition written = GroupCommit.this.lock.newCondition();

		boolean done;

	}

	/** No group is written now: one thread of the next group, if any waits, writes it (the caller holds the lock). */
	private void doneWriting() {
		this.writing = false;
		this.open.written.signal();
		this.notWriting.signalAll();
	}

	/** How many items wait for the next group. */
	int waiting() {
		this.lock.lock();
		try {
			return this.open.items.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Runs the work while no group is being written, and no group is written meanwhile. */
	<R> R exclusively(IoWork<R> work) throws IOException {
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

	/** Runs the work unless a group is being written, and no group is written meanwhile (it must not wait). */
	void unlessWriting(Runnable work) {
		this.lock.lock();
		try {
			if (!this.writing) {
				work.run();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	interface IoWork<R> {

		R run() throws IOException;

	}

}
