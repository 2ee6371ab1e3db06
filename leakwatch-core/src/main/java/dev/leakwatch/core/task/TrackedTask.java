package dev.leakwatch.core.task;

/**
 * The per-task record every tracking wrapper carries; read by the sampler through
 * {@link RunningSlots}.
 */
interface TrackedTask {

	TaskSource source();

	/** What the user submitted (for the description), never a leakwatch wrapper. */
	Object task();

	/**
	 * The submitter's label for the task, or {@code null} to describe {@link #task()}.
	 */
	String label();

	long submitNanos();

	/** Where the task was submitted from; empty unless submit-site capture is on. */
	StackTraceElement[] submitSite();

	default String description() {
		return TaskDescriptions.describe(label(), task().getClass());
	}

}
