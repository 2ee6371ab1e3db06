package dev.leakwatch.core.task;

import java.util.Objects;

/**
 * The tracking record the wrappers share (all but {@link TrackedFutureTask}, which must
 * extend {@code FutureTask}): what was submitted, to which source, when and from where,
 * all written by the submitting thread. A run's start goes to the running thread's slot
 * instead, so that a run does not write to a cache line the submitter may still be
 * writing the next task's record to.
 */
abstract class TaskRecord implements TrackedTask {

	private final Object task;

	private final TaskSource source;

	private final String label;

	private final long submitNanos = TaskClock.SHARED.nanoTime();

	private final StackTraceElement[] submitSite;

	/**
	 * @param captureSite whether to capture the submit site even when the tracker does
	 * not (rare, telling submissions such as periodic tasks)
	 */
	TaskRecord(Object task, TaskSource source, String label, boolean captureSite) {
		this.task = Objects.requireNonNull(task, "task");
		this.source = source;
		this.label = label;
		this.submitSite = (captureSite || source.captureSubmitSite()) ? SubmitSites.capture() : SubmitSites.NONE;
	}

	/** The running slot of the calling thread. */
	final RunningSlots.Slot slot() {
		return this.source.slots().slot();
	}

	@Override
	public final TaskSource source() {
		return this.source;
	}

	@Override
	public final Object task() {
		return this.task;
	}

	@Override
	public final String label() {
		return this.label;
	}

	@Override
	public final long submitNanos() {
		return this.submitNanos;
	}

	@Override
	public final StackTraceElement[] submitSite() {
		return this.submitSite;
	}

}
