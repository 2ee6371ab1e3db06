package dev.leakwatch.core.task;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for the tasks one source (an executor or scheduler bean) ran with one
 * {@link TaskKind}. Submitting and running threads count in {@link RunCounts} of their
 * own, so that they do not contend; rare events (a task let go of unrun, an overrun) in
 * striped adders. Readers see a moment's approximation, never negative, and counts that
 * never go down.
 */
public final class TaskSource {

	private final String name;

	private final TaskKind kind;

	private final TaskTracker tracker;

	private final TaskSource parent;

	/**
	 * The tracker's slots and capture setting, held here too: every task reads them, and
	 * each hop saved is one less load the task's start waits for.
	 */
	private final RunningSlots slots;

	private final boolean captureSubmitSite;

	private final List<TaskSource> children = new CopyOnWriteArrayList<>();

	private final LongAdder leftQueueUnrun = new LongAdder();

	private final RunCounts.Shared sharedRuns = new RunCounts.Shared();

	private final Set<RunCounts.OneThread> threadRuns = ConcurrentHashMap.newKeySet();

	private final LongAdder overruns = new LongAdder();

	private final LongAdder missed = new LongAdder();

	TaskSource(String name, TaskKind kind, TaskTracker tracker, TaskSource parent) {
		this.name = name;
		this.kind = kind;
		this.tracker = tracker;
		this.parent = parent;
		this.slots = tracker.slots();
		this.captureSubmitSite = tracker.captureSubmitSite();
	}

	/** The bean (or executor) name; the value of the {@code source} tag. */
	public String name() {
		return this.name;
	}

	public TaskKind kind() {
		return this.kind;
	}

	public TaskTracker tracker() {
		return this.tracker;
	}

	/**
	 * The source whose threads run these tasks as well (a {@code @Scheduled} method's
	 * scheduler), counted with them; or {@code null}.
	 */
	public TaskSource parent() {
		return this.parent;
	}

	/** Tasks running now. */
	public long active() {
		return runs().active;
	}

	/**
	 * Tasks handed to the executor and not yet started, cancelled, rejected or drained.
	 */
	public long queued() {
		long dequeued = dequeuedCount(); // first: the submitted count read after it is
											// never behind it
		return Math.max(0, submittedCount() - dequeued);
	}

	/** Runs that ended, normally or by throwing. */
	public long completed() {
		return runs().finished;
	}

	/** Scheduled runs that took longer than their period. */
	public long overruns() {
		return this.overruns.sum();
	}

	/**
	 * Scheduled runs that started a period or more late, because every scheduler thread
	 * was busy.
	 */
	public long missed() {
		return this.missed.sum();
	}

	/**
	 * Tasks ever queued; with {@link #dequeuedCount()} it tells how far the queue has
	 * moved.
	 */
	public long submittedCount() {
		synchronized (this.threadRuns) {
			foldDeadThreads();
			long submitted = this.sharedRuns.submittedCount();
			for (RunCounts.OneThread counts : this.threadRuns) {
				submitted += counts.submittedCount();
			}
			return submitted;
		}
	}

	/** Queued tasks that left the queue: started, cancelled, rejected or drained. */
	public long dequeuedCount() {
		return runs().startedFromQueue + this.leftQueueUnrun.sum();
	}

	boolean captureSubmitSite() {
		return this.captureSubmitSite;
	}

	RunningSlots slots() {
		return this.slots;
	}

	/** A queued task left the queue without running: cancelled, rejected or drained. */
	void leftQueueUnrun() {
		this.leftQueueUnrun.increment();
	}

	/**
	 * Counts {@code child}'s runs with this source's from now on: a scheduler's
	 * {@code @Scheduled} method.
	 */
	void addChild(TaskSource child) {
		this.children.add(child);
	}

	/**
	 * The counts for tasks submitted and run on no thread of their own: virtual threads'
	 * and HTTP exchanges'.
	 */
	RunCounts.Shared sharedRuns() {
		return this.sharedRuns;
	}

	/**
	 * New counts for the tasks of this source that {@code thread} submits and runs; it
	 * alone writes them.
	 */
	RunCounts.OneThread threadRuns(Thread thread) {
		RunCounts.OneThread counts = new RunCounts.OneThread(this, thread);
		this.threadRuns.add(counts);
		return counts;
	}

	/**
	 * The runs so far, a scheduler's including those of its {@code @Scheduled} methods.
	 */
	private Runs runs() {
		Runs runs = new Runs();
		synchronized (this.threadRuns) {
			foldDeadThreads();
			runs.add(this.sharedRuns);
			for (RunCounts.OneThread counts : this.threadRuns) {
				runs.add(counts);
			}
		}
		for (TaskSource child : this.children) {
			runs.add(child.runs());
		}
		return runs;
	}

	/**
	 * Folds the counts of threads that died into the shared ones. Called under the lock
	 * on {@link #threadRuns}, so that two readers never fold the same counts and no
	 * reader sees them twice or not at all.
	 */
	private void foldDeadThreads() {
		for (RunCounts.OneThread counts : this.threadRuns) {
			if (!counts.live()) {
				this.sharedRuns.fold(counts);
				this.threadRuns.remove(counts);
			}
		}
	}

	void recordOverrun() {
		this.overruns.increment();
	}

	void recordMissed() {
		this.missed.increment();
	}

	/**
	 * Totals over counts read one after another while runs go on: each a moment's
	 * approximation.
	 */
	private static final class Runs {

		private long startedFromQueue;

		private long finished;

		private long active;

		void add(RunCounts counts) {
			// started before finished: runs that start and end between the two reads are
			// not taken as running
			long started = counts.startedCount();
			this.startedFromQueue += counts.startedFromQueueCount();
			long finished = counts.finishedCount();
			this.finished += finished;
			this.active += Math.max(0, started - finished);
		}

		void add(Runs child) {
			this.startedFromQueue += child.startedFromQueue;
			this.finished += child.finished;
			this.active += child.active;
		}

	}

	@Override
	public String toString() {
		return this.name + "[" + this.kind.tag() + "]";
	}

}
