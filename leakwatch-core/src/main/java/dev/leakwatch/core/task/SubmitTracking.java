package dev.leakwatch.core.task;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RunnableFuture;

/**
 * What tracking does with each task handed to one executor, for the executors that track
 * from inside: a {@link TrackingExecutorService}, and a bean that is its own tracked
 * subclass. Two ways, after what the executor shows of its tasks:
 * <ul>
 * <li>wrapped ({@link #enqueue}): any executor. The task runs inside a record of its own,
 * so its run is seen wherever the executor runs it, the submitting thread included.</li>
 * <li>held as is ({@link #queued}, {@link #beforeRun}, {@link #afterRun}): a
 * {@code ThreadPoolExecutor}, whose queue, rejection policy, {@code remove},
 * {@code purge} and hooks then see exactly the caller's task. The pool tells when a task
 * starts and ends through its {@code beforeExecute} and {@code afterExecute} hooks. The
 * submit time and site of such a task are kept, until it starts, only with submit-site
 * capture on (the costly level); else its submit time is its start.</li>
 * </ul>
 * Futures made by {@link #newTaskFor} track themselves either way.
 */
public final class SubmitTracking {

	private final TaskSource source;

	/**
	 * With submit-site capture on, the submissions of the tasks a pool holds as they are,
	 * until they start.
	 */
	private final Map<Submitted, Submission> submissions;

	public SubmitTracking(TaskSource source) {
		this.source = Objects.requireNonNull(source, "source");
		this.submissions = source.captureSubmitSite() ? new ConcurrentHashMap<>() : null;
	}

	/**
	 * The source tasks are counted under, unless a {@link SubmitLabel} says otherwise.
	 */
	public TaskSource source() {
		return this.source;
	}

	/**
	 * Counts {@code command} as queued and returns what to hand to the executor in its
	 * place: a future of {@link #newTaskFor} as it is, anything else in a tracking
	 * record. If the executor throws, give the returned task to
	 * {@link TrackingExecutorService#releaseDrained(Runnable)}.
	 * @throws NullPointerException if {@code command} is {@code null}
	 */
	public Runnable enqueue(Runnable command) {
		if (command instanceof TrackedFutureTask<?> future) {
			future.enqueue();
			return future;
		}
		Objects.requireNonNull(command, "command");
		SubmitLabel label = SubmitLabel.current();
		TrackedRunnable tracked = new TrackedRunnable(command, sourceFor(label), descriptionOf(label));
		tracked.enqueue();
		return tracked;
	}

	/**
	 * The future for {@code submit}, {@code invokeAll} and {@code invokeAny}: its own
	 * tracking record.
	 */
	public <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
		SubmitLabel label = SubmitLabel.current();
		return new TrackedFutureTask<>(callable, sourceFor(label), descriptionOf(label));
	}

	/** {@link #newTaskFor(Callable)} for a runnable and its result. */
	public <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
		SubmitLabel label = SubmitLabel.current();
		return new TrackedFutureTask<>(runnable, value, sourceFor(label), descriptionOf(label));
	}

	/** Counts {@code task}, which a pool holds as it is, as queued. */
	public void queued(Runnable task) {
		if (task instanceof TrackedFutureTask<?> future) {
			future.enqueue();
			return;
		}
		if (this.submissions != null) {
			this.submissions.put(new Submitted(task),
					new Submission(TaskClock.SHARED.nanoTime(), SubmitSites.capture()));
		}
		this.source.slots().submitted(this.source);
	}

	/**
	 * Takes {@code task}, counted by {@link #queued}, out of the queued count: the pool
	 * let go of it unrun (rejected, removed, purged, drained). Call it once per task the
	 * pool let go of.
	 */
	public void leftUnrun(Runnable task) {
		if (task instanceof TrackedFutureTask<?> future) {
			future.leaveQueue();
		}
		else if (task != null) {
			submission(task);
			this.source.leftQueueUnrun();
		}
	}

	/**
	 * A pool's thread starts {@code task}, counted by {@link #queued}: from its
	 * {@code beforeExecute} hook.
	 */
	public void beforeRun(Runnable task) {
		// a class test, as in queued: a test for the TrackedTask interface scans the
		// task class's secondary supers on every run (about 10 ns each on JDK 17,
		// measured); and a task another executor wrapped was counted as queued here, so
		// it leaves the queue here too
		if (task instanceof TrackedFutureTask) {
			return; // a future of newTaskFor: its run tracks itself
		}
		RunningSlots.Slot slot = this.source.slots().slot();
		long startNanos = TaskClock.SHARED.nanoTime();
		slot.enterPoolRun(newRun(task, startNanos), startNanos);
	}

	/** {@code task}'s run has ended: from the pool's {@code afterExecute} hook. */
	public void afterRun(Runnable task) {
		if (task instanceof TrackedFutureTask) {
			return;
		}
		this.source.slots().slot().exitPoolRun(this.source, task);
	}

	/**
	 * Runs {@code task}, counted by {@link #queued} and rejected by the pool, on the
	 * calling thread, as a caller-runs policy does: it leaves the queued count by
	 * starting, as on a pool thread.
	 */
	public void runInline(Runnable task) {
		if (task instanceof TrackedFutureTask) {
			task.run();
			return;
		}
		RunningSlots.Slot slot = this.source.slots().slot();
		long startNanos = TaskClock.SHARED.nanoTime();
		PoolRun run = newRun(task, startNanos);
		RunningSlots.Outer outer = slot.enter(run, startNanos, true);
		try {
			task.run();
		}
		finally {
			slot.exit(run, outer);
		}
	}

	private PoolRun newRun(Runnable task, long startNanos) {
		Submission submission = submission(task);
		return (submission != null) ? new PoolRun(this.source, task, submission.nanos(), submission.site())
				: new PoolRun(this.source, task, startNanos, SubmitSites.NONE);
	}

	/**
	 * The kept submission of {@code task}, forgotten now that it starts or is let go of;
	 * or {@code null}.
	 */
	private Submission submission(Runnable task) {
		return (this.submissions != null) ? this.submissions.remove(new Submitted(task)) : null;
	}

	TaskSource sourceFor(SubmitLabel label) {
		if (label == null || label.kind() == this.source.kind()) {
			return this.source;
		}
		return this.source.tracker().source(this.source.name(), label.kind());
	}

	static String descriptionOf(SubmitLabel label) {
		return (label != null) ? label.description() : null;
	}

	/**
	 * A task as a key by identity: a task's own {@code equals} must not merge two
	 * submissions.
	 */
	private record Submitted(Runnable task) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Submitted submitted && submitted.task == this.task;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.task);
		}

	}

	private record Submission(long nanos, StackTraceElement[] site) {
	}

}
