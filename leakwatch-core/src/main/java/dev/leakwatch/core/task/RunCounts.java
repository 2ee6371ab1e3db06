package dev.leakwatch.core.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the tasks of one {@link TaskSource}: tasks submitted (counted as queued),
 * runs started, how many of them had been counted as queued, and runs ended. A platform
 * thread counts what it submits and runs in counts of its own ({@link OneThread}),
 * written by it alone with release stores (plain moves on x86), the way
 * {@code ThreadPoolExecutor} counts each worker's completed tasks: per task, no atomic
 * instruction and no write to a line another thread writes. Virtual threads (usually one
 * task each) and HTTP exchanges (which may end on another thread than they began) count
 * in the source's {@link Shared} counts, where the counts of threads that died are folded
 * too.
 */
abstract sealed class RunCounts permits RunCounts.OneThread, RunCounts.Shared {

	abstract void submitted();

	abstract void started(boolean fromQueue);

	abstract void finished();

	abstract long startedCount();

	abstract long finishedCount();

	abstract long startedFromQueueCount();

	abstract long submittedCount();

	/** The counts of one platform thread for one source. */
	static final class OneThread extends RunCounts {

		private static final VarHandle SUBMITTED;

		private static final VarHandle STARTED;

		private static final VarHandle STARTED_FROM_QUEUE;

		private static final VarHandle FINISHED;

		static {
			try {
				MethodHandles.Lookup lookup = MethodHandles.lookup();
				SUBMITTED = lookup.findVarHandle(OneThread.class, "submitted", long.class);
				STARTED = lookup.findVarHandle(OneThread.class, "started", long.class);
				STARTED_FROM_QUEUE = lookup.findVarHandle(OneThread.class, "startedFromQueue", long.class);
				FINISHED = lookup.findVarHandle(OneThread.class, "finished", long.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final TaskSource source;

		private final Thread thread;

		// written by the thread alone: it reads its own values plainly, and publishes
		// each with a release store
		private long submitted;

		private long started;

		private long startedFromQueue;

		private long finished;

		OneThread(TaskSource source, Thread thread) {
			this.source = source;
			this.thread = thread;
		}

		TaskSource source() {
			return this.source;
		}

		/** Whether its thread can still count; once dead, its counts are final. */
		boolean live() {
			return this.thread.isAlive();
		}

		@Override
		void submitted() {
			SUBMITTED.setRelease(this, this.submitted + 1);
		}

		@Override
		void started(boolean fromQueue) {
			if (fromQueue) {
				STARTED_FROM_QUEUE.setRelease(this, this.startedFromQueue + 1);
			}
			STARTED.setRelease(this, this.started + 1);
		}

		@Override
		void finished() {
			FINISHED.setRelease(this, this.finished + 1);
		}

		@Override
		long finishedCount() {
			return (long) FINISHED.getAcquire(this);
		}

		@Override
		long startedCount() {
			return (long) STARTED.getAcquire(this);
		}

		@Override
		long startedFromQueueCount() {
			return (long) STARTED_FROM_QUEUE.getAcquire(this);
		}

		@Override
		long submittedCount() {
			return (long) SUBMITTED.getAcquire(this);
		}

	}

	/**
	 * The counts any thread may add to: striped, so that concurrent runs do not contend.
	 */
	static final class Shared extends RunCounts {

		private final LongAdder submitted = new LongAdder();

		private final LongAdder started = new LongAdder();

		private final LongAdder startedFromQueue = new LongAdder();

		private final LongAdder finished = new LongAdder();

		@Override
		void submitted() {
			this.submitted.increment();
		}

		@Override
		void started(boolean fromQueue) {
			if (fromQueue) {
				this.startedFromQueue.increment();
			}
			this.started.increment();
		}

		@Override
		void finished() {
			this.finished.increment();
		}

		/** Takes over the final counts of a thread that died. */
		void fold(OneThread counts) {
			this.finished.add(counts.finishedCount());
			this.startedFromQueue.add(counts.startedFromQueueCount());
			this.started.add(counts.startedCount());
			this.submitted.add(counts.submittedCount());
		}

		@Override
		long finishedCount() {
			return this.finished.sum();
		}

		@Override
		long startedCount() {
			return this.started.sum();
		}

		@Override
		long startedFromQueueCount() {
			return this.startedFromQueue.sum();
		}

		@Override
		long submittedCount() {
			return this.submitted.sum();
		}

	}

}
