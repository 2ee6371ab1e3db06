package dev.leakwatch.core.task;

/**
 * What the running thread's slot shows of a task that a pool holds as it is
 * ({@link SubmitTracking#beforeRun}, {@link SubmitTracking#runInline}): made by that
 * thread when the run starts, so the submitter writes nothing but a count, and copied
 * into the slot, so nothing holds it. Unless submit-site capture is on, its submit time
 * is its start and its submit site is not known.
 */
final class PoolRun implements TrackedTask {

	private final TaskSource source;

	private final Runnable task;

	private final long submitNanos;

	private final StackTraceElement[] submitSite;

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
