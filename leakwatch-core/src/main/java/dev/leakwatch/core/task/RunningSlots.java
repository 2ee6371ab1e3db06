package dev.leakwatch.core.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tracked task each thread is running, since when, and the thread's counts of the
 * runs. Every thread that runs tracked tasks gets one slot, registered once, so a task
 * start is a thread-local read and stores to the thread's own slot and counts: no lock,
 * no shared map insert and no write to the task's record, which the submitting thread may
 * still be writing next to. The sampler reads the slots to find running tasks and their
 * threads. Virtual threads give their slot back when their last task ends, since each of
 * them usually runs one task.
 */
final class RunningSlots {

	private final ThreadLocal<Slot> local = new ThreadLocal<>();

	private final Set<Slot> slots = ConcurrentHashMap.newKeySet();

	Slot slot() {
		Slot slot = this.local.get();
		if (slot == null) {
			slot = new Slot(Thread.currentThread());
			this.local.set(slot);
			this.slots.add(slot);
		}
		return slot;
	}

	/**
	 * Counts a task the calling thread submits to {@code source} as queued, in the
	 * thread's own counts.
	 * @return the thread's slot, for a run of the task on this thread to take without a
	 * second lookup; or {@code null} on a virtual thread, which counts in the source's
	 * shared counts rather than take a slot for a submit
	 */
	Slot submitted(TaskSource source) {
		if (Threads.isVirtual(Thread.currentThread())) {
			source.sharedRuns().submitted();
			return null;
		}
		Slot slot = slot();
		slot.runsOf(source).submitted();
		return slot;
	}

	/** The tasks running now; forgets the slots of threads that have died. */
	List<RunningTask> running() {
		List<RunningTask> running = new ArrayList<>();
		for (Slot slot : this.slots) {
			if (!slot.thread.isAlive()) {
				this.slots.remove(slot);
				continue;
			}
			TrackedTask task = slot.current();
			long startNanos = slot.startNanos();
			if (task != null && slot.current() == task) { // else it ended while read: not
															// running now
				running.add(new RunningTask(task.source(), task.description(), slot.thread, task.submitNanos(),
						startNanos, Arrays.asList(task.submitSite()), task));
			}
		}
		return running;
	}

	int size() {
		return this.slots.size();
	}

	private void release(Slot slot) {
		this.local.remove();
		this.slots.remove(slot);
	}

	/**
	 * The run a nested run (a task run inline by another, caller-runs) interrupted, to
	 * restore after it.
	 */
	record Outer(TrackedTask task, long startNanos) {
	}

	/** One thread's running task and its counts. */
	final class Slot {

		private static final VarHandle CURRENT;

		private static final VarHandle START_NANOS;

		static {
			try {
				MethodHandles.Lookup lookup = MethodHandles.lookup();
				CURRENT = lookup.findVarHandle(Slot.class, "current", TrackedTask.class);
				START_NANOS = lookup.findVarHandle(Slot.class, "startNanos", long.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final Thread thread;

		private final boolean virtual;

		@SuppressWarnings("unused") // accessed through CURRENT
		private TrackedTask current;

		@SuppressWarnings("unused") // accessed through START_NANOS
		private long startNanos;

		/**
		 * The counts of the source this thread ran last: a pool's worker runs one
		 * source's tasks.
		 */
		private RunCounts.OneThread lastRuns;

		/**
		 * The counts of every source this thread ran, when more than one; touched by the
		 * thread alone.
		 */
		private Map<TaskSource, RunCounts.OneThread> allRuns;

		private Slot(Thread thread) {
			this.thread = thread;
			this.virtual = Threads.isVirtual(thread);
		}

		/**
		 * Counts a run of {@code task} that starts now and makes it this thread's running
		 * task.
		 * @param fromQueue whether the task was counted as queued
		 * @return the run it interrupts, to hand back to {@link #exit}, or {@code null}
		 */
		Outer enter(TrackedTask task, long startNanos, boolean fromQueue) {
			runsOf(task.source()).started(fromQueue);
			return show(task, startNanos);
		}

		/**
		 * Counts the end of {@code task}'s run and makes {@code outer} this thread's
		 * running task again.
		 */
		void exit(TrackedTask task, Outer outer) {
			restore(outer);
			runsOf(task.source()).finished();
		}

		/**
		 * Makes {@code task} this thread's running task without counting a run; see
		 * {@link #restore}.
		 */
		Outer show(TrackedTask task, long startNanos) {
			TrackedTask running = (TrackedTask) CURRENT.get(this);
			Outer outer = (running != null) ? new Outer(running, (long) START_NANOS.get(this)) : null;
			START_NANOS.setOpaque(this, startNanos);
			CURRENT.setRelease(this, task); // publishes the start time with it
			return outer;
		}

		void restore(Outer outer) {
			if (outer != null) {
				START_NANOS.setOpaque(this, outer.startNanos());
				CURRENT.setRelease(this, outer.task());
				return;
			}
			CURRENT.setRelease(this, null);
			if (this.virtual) {
				release(this);
			}
		}

		TrackedTask current() {
			return (TrackedTask) CURRENT.getAcquire(this);
		}

		/**
		 * Whether this is the calling thread's slot: a platform thread's slot stays its
		 * own for as long as it lives.
		 */
		boolean ofCurrentThread() {
			return this.thread == Thread.currentThread();
		}

		private long startNanos() {
			return (long) START_NANOS.getAcquire(this); // before the second read of
														// current in running()
		}

		private RunCounts runsOf(TaskSource source) {
			if (this.virtual) {
				return source.sharedRuns();
			}
			RunCounts.OneThread last = this.lastRuns;
			if (last != null && last.source() == source) {
				return last;
			}
			if (last != null && this.allRuns == null) {
				this.allRuns = new HashMap<>();
				this.allRuns.put(last.source(), last);
			}
			RunCounts.OneThread runs = (this.allRuns != null) ? this.allRuns.get(source) : null;
			if (runs == null) {
				runs = source.threadRuns(this.thread);
				if (this.allRuns != null) {
					this.allRuns.put(source, runs);
				}
			}
			this.lastRuns = runs;
			return runs;
		}

	}

}
