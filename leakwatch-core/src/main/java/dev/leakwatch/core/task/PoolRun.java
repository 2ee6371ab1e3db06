package dev.leakwatch.core.task;

/**
 * The record of one run of a task that a pool holds as it is
 * ({@link SubmitTracking#beforeRun}): made by the running thread when the run starts, so
 * the submitter writes nothing but a count. Unless submit-site capture is on, its submit
 * time is its start and its submit site is not known.
 */
final class PoolRun implements TrackedTask {

	private final TaskSource source;

	private final Runnable task;

	private final long submitNanos;

	private final StackTraceElement[] submitSite;

	/**
	 * The run this one interrupted on its thread, restored when it ends; written and read
	 * by that thread.
	 */
	RunningSlots.Outer outer;

	PoolRun(TaskSource source, Runnable task, long submitNanos, StackTraceElement[] submitSite) {
		this.source = source;
		this.task = task;
		this.submitNanos = submitNanos;
		this.submitSite = submitSite;
	}

	@Override
	public TaskSource source() {
		return this.source;
	}

	@Override
	public Object task() {
		return this.task;
	}

	@Override
	public String label() {
		return null;
	}

	@Override
	public long submitNanos() {
		return this.submitNanos;
	}

	@Override
	public StackTraceElement[] submitSite() {
		return this.submitSite;
	}

}
