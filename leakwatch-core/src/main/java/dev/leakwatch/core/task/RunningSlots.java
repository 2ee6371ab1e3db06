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

	/** Entries of {@link #byId}: a power of two. */
	static final int BY_ID_SIZE = 1024;

	private static final VarHandle BY_ID = MethodHandles.arrayElementVarHandle(Slot[].class);

	private final ThreadLocal<Slot> local = new ThreadLocal<>();

	/**
	 * Platform threads' slots at their thread id modulo the size, the lookup every submit
	 * and run makes: an array read and a compare, where {@code ThreadLocal.get} (a hash
	 * probe and a weak reference's read barrier) was half of what tracking a short task
	 * cost (profiled). A thread whose entry another live thread holds, and a virtual
	 * thread, take {@link #local} instead.
	 */
	private final Slot[] byId = new Slot[BY_ID_SIZE];

	private final Set<Slot> slots = ConcurrentHashMap.newKeySet();

	Slot slot() {
		Thread thread = Thread.currentThread();
		// a racy read is safe: a slot's thread is final, and only its thread uses it
		Slot slot = this.byId[index(thread)];
		return (slot != null && slot.thread == thread) ? slot : localSlot(thread);
	}

	private Slot localSlot(Thread thread) {
		Slot slot = this.local.get();
		if (slot == null) {
			slot = new Slot(thread);
			this.local.set(slot);
			this.slots.add(slot);
		}
		int index = index(thread);
		if (!slot.virtual && this.byId[index] == null) { // running() frees dead threads'
			BY_ID.compareAndSet(this.byId, index, null, slot);
		}
		return slot;
	}

	@SuppressWarnings("deprecation") // threadId() is JDK 19+
	private static int index(Thread thread) {
		return (int) thread.getId() & (BY_ID_SIZE - 1);
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
				BY_ID.compareAndSet(this.byId, index(slot.thread), slot, null);
				continue;
			}
			RunningTask task = slot.running();
			if (task != null) {
				running.add(task);
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
	 * The run of the outermost task in progress, given a run and the one it is nested in
	 * (0 when it is not).
	 */
	private static long outermostRun(long run, long nestedIn) {
		return (nestedIn != 0) ? nestedIn : run;
	}

	/**
	 * The run a nested run (a task run inline by another, caller-runs) interrupted, to
	 * show again after it.
	 */
	record Outer(TaskSource source, Class<?> taskClass, String label, StackTraceElement[] submitSite, long submitNanos,
			long startNanos, long run, long nestedIn) {

		/** The run of the outermost task in progress: this one's unless it is nested. */
		long outermost() {
			return outermostRun(this.run, this.nestedIn);
		}

	}

	/**
	 * One thread's running task and its counts. The slot shows the running task by copies
	 * of what the sampler needs (its source, class, label, submit time and site, start),
	 * not by a reference to the task's record. A slot lives as long as its thread and
	 * soon ends up in the old generation, where storing a young record costs G1 a
	 * card-marking barrier with a full fence; and a record that no slot holds is one the
	 * JIT can leave unallocated when the task runs inline. Both together were 4 to 14 ns
	 * of a caller-runs {@code execute}, and most of its spread (measured). The references
	 * it copies (a source, a class, a label) are stored only when they change, which for
	 * a thread that runs one kind of task is never. The copies are read as with a
	 * sequence lock: {@link #seq} is odd while a run is shown, and a read that sees it
	 * change between its two reads of it is thrown away.
	 */
	final class Slot {

		private static final VarHandle SEQ;

		static {
			try {
				SEQ = MethodHandles.lookup().findVarHandle(Slot.class, "seq", long.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final Thread thread;

		private final boolean virtual;

		// What the slot shows, written by its thread alone (it reads them plainly), read
		// by the sampler between two reads of seq (see running())
		private long seq;

		private TaskSource source;

		private Class<?> taskClass;

		private String label;

		private StackTraceElement[] submitSite;

		private long submitNanos;

		private long startNanos;

		/** The shown run's number on this thread, to recognise it in a later sample. */
		private long run;

		/**
		 * The run of the outermost task the shown run is nested in, or 0 when it is the
		 * outermost: written only where runs nest, so a run that does not costs nothing.
		 */
		private long nestedIn;

		/**
		 * Whether the run shown is a pool's ({@link #enterPoolRun}), and the run it
		 * interrupted, if any; touched by the thread alone. A pool's thread runs one task
		 * at a time, so pool runs never nest.
		 */
		private boolean inPoolRun;

		private Outer poolRunOuter;

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
		 * {@link #enter} for a run a pool tells of by its hooks, which
		 * {@link #exitPoolRun} ends. The run's record is not kept: the pool hands its
		 * task to both hooks, and a record no slot holds costs no allocation once
		 * inlined.
		 */
		void enterPoolRun(PoolRun run, long startNanos) {
			Outer outer = enter(run, startNanos, true);
			if (outer != this.poolRunOuter) { // a store only in the rare nested case
				this.poolRunOuter = outer;
			}
			this.inPoolRun = true;
		}

		/**
		 * Ends the pool run of {@code task} shown on this thread; ignored unless it is
		 * the one shown (an {@code afterExecute} called for another task).
		 */
		void exitPoolRun(TaskSource source, Runnable task) {
			if (!this.inPoolRun || this.source != source || this.taskClass != task.getClass()) {
				return;
			}
			this.inPoolRun = false;
			restore(this.poolRunOuter);
			runsOf(source).finished();
		}

		/**
		 * Makes {@code task} this thread's running task without counting a run; see
		 * {@link #restore}.
		 */
		Outer show(TrackedTask task, long startNanos) {
			long seq = this.seq;
			Outer outer = null;
			if ((seq & 1) != 0) {
				outer = new Outer(this.source, this.taskClass, this.label, this.submitSite, this.submitNanos,
						this.startNanos, this.run, this.nestedIn);
				SEQ.setOpaque(this, ++seq);
				VarHandle.storeStoreFence();
				this.nestedIn = outer.outermost();
			}
			VarHandle.storeStoreFence(); // the copies change only after seq did
			set(task.source(), task.task().getClass(), task.label(), task.submitSite(), task.submitNanos(), startNanos,
					seq + 1);
			SEQ.setRelease(this, seq + 1); // publishes the copies with it
			return outer;
		}

		/** Shows {@code outer} again, or no task. */
		void restore(Outer outer) {
			long seq = this.seq + 1;
			SEQ.setOpaque(this, seq);
			if (outer != null) {
				VarHandle.storeStoreFence();
				this.nestedIn = outer.nestedIn();
				set(outer.source(), outer.taskClass(), outer.label(), outer.submitSite(), outer.submitNanos(),
						outer.startNanos(), outer.run());
				SEQ.setRelease(this, seq + 1);
				return;
			}
			if (this.virtual) {
				release(this);
			}
		}

		private void set(TaskSource source, Class<?> taskClass, String label, StackTraceElement[] submitSite,
				long submitNanos, long startNanos, long run) {
			if (this.source != source) {
				this.source = source;
			}
			if (this.taskClass != taskClass) {
				this.taskClass = taskClass;
			}
			if (this.label != label) {
				this.label = label;
			}
			if (this.submitSite != submitSite) {
				this.submitSite = submitSite;
			}
			this.submitNanos = submitNanos;
			this.startNanos = startNanos;
			this.run = run;
		}

		/** The source of the run this thread shows, or {@code null}; on its thread. */
		TaskSource shownSource() {
			return ((this.seq & 1) != 0) ? this.source : null;
		}

		/** The run shown now, or {@code null} when none is or it changed while read. */
		private RunningTask running() {
			long seq = (long) SEQ.getAcquire(this);
			if ((seq & 1) == 0) {
				return null;
			}
			TaskSource source = this.source;
			Class<?> taskClass = this.taskClass;
			String label = this.label;
			StackTraceElement[] submitSite = this.submitSite;
			long submitNanos = this.submitNanos;
			long startNanos = this.startNanos;
			long run = this.run;
			long nestedIn = this.nestedIn;
			VarHandle.acquireFence(); // the copies are read before seq is again
			if ((long) SEQ.getOpaque(this) != seq) {
				return null; // it ended while read: not running now
			}
			return new RunningTask(source, TaskDescriptions.describe(label, taskClass), this.thread, submitNanos,
					startNanos, Arrays.asList(submitSite), run, outermostRun(run, nestedIn));
		}

		/**
		 * Whether this is the calling thread's slot: a platform thread's slot stays its
		 * own for as long as it lives.
		 */
		boolean ofCurrentThread() {
			return this.thread == Thread.currentThread();
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
