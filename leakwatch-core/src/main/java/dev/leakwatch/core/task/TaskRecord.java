package dev.leakwatch.core.task;

import java.util.Objects;

/**
 * The tracking record the wrappers share (all but {@link TrackedFutureTask}, which must extend
 * {@code FutureTask}): what was submitted, to which source, when, from where, and when its run started.
 */
abstract class TaskRecord implements TrackedTask {

	private final Object task;

	private final TaskSource source;

	private final String label;

	private final long submitNanos = System.nanoTime();

	private final StackTraceElement[] submitSite;

	private volatile long startNanos;

	/**
	 * @param captureSite whether to capture the submit site even when the tracker does not (rare, telling
	 * submissions such as periodic tasks)
	 */
	TaskRecord(Object task, TaskSource source, String label, boolean captureSite) {
		this.task = Objects.requireNonNull(task, "task");
		this.source = source;
		this.label = label;
		this.submitSite = (captureSite || source.captureSubmitSite()) ? SubmitSites.capture() : SubmitSites.NONE;
	}

	/** Marks the start of a run and counts it: the slot to leave with {@link TaskSource#endRun}. */
	final RunningSlots.Slot beginRun(long nowNanos) {
		markStarted(nowNanos);
		return this.source.beginRun();
	}

	final void markStarted(long nowNanos) {
		this.startNanos = nowNanos;
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
	public final long startNanos() {
		return this.startNanos;
	}

	@Override
	public final StackTraceElement[] submitSite() {
		return this.submitSite;
	}

}
