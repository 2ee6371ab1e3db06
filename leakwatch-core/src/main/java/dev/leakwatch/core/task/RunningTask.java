package dev.leakwatch.core.task;

import java.util.List;

/**
 * A tracked task seen running at one instant.
 *
 * @param source the source it was submitted to
 * @param description a short description of the task
 * @param thread the thread running it
 * @param submitNanos {@link System#nanoTime()} at submit, to within the task clock's 100 ms tick
 * @param startNanos {@link System#nanoTime()} at the start of this run, to within the task clock's 100 ms tick
 * @param submitSite where it was submitted from; empty unless capture is on
 * @param identity the tracking record, to recognise the same run in a later sample
 * @param respondedNanos for an HTTP request, when its response arrived (its body not yet consumed); else 0
 * @param note what else is known of it (an HTTP client's timeout, say), or {@code null}
 * @param progressNanos for an HTTP request, when its response body last delivered bytes or events, to within
 * the task clock's tick; 0 if it has delivered none
 */
public record RunningTask(TaskSource source, String description, Thread thread, long submitNanos, long startNanos,
		List<StackTraceElement> submitSite, Object identity, long respondedNanos, String note, long progressNanos) {

	/** A task, or an HTTP request whose body has delivered nothing yet. */
	public RunningTask(TaskSource source, String description, Thread thread, long submitNanos, long startNanos,
			List<StackTraceElement> submitSite, Object identity, long respondedNanos, String note) {
		this(source, description, thread, submitNanos, startNanos, submitSite, identity, respondedNanos, note, 0);
	}

	/** Nanoseconds this run has been going at {@code nowNanos}. */
	public long ageNanos(long nowNanos) {
		return nowNanos - this.startNanos;
	}

	/**
	 * Whether this is an HTTP request whose response body delivered bytes or events at or after
	 * {@code sinceNanos}: it is being consumed, and the thread that reads it is not stuck.
	 */
	public boolean receivedSince(long sinceNanos) {
		return this.progressNanos != 0 && this.progressNanos - sinceNanos >= 0;
	}

}
