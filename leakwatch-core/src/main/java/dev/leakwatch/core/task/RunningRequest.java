package dev.leakwatch.core.task;

import java.util.List;

/**
 * An HTTP request of a tracked client in flight at one instant: sent, and its response
 * body not yet consumed.
 *
 * @param source the client and request it belongs to
 * @param description a short description (method and URI template)
 * @param thread the thread that waits for it (a blocking client's caller), or
 * {@code null}
 * @param startNanos {@link System#nanoTime()} when it was sent, to within the task
 * clock's 100 ms tick
 * @param submitSite where it was sent from; empty unless capture is on
 * @param respondedNanos when its response arrived; 0 while it has not
 * @param note what else is known of it (the client's timeout, say), or {@code null}
 * @param progressNanos when its response body last delivered bytes or events, to within
 * the task clock's tick; 0 if it has delivered none
 */
public record RunningRequest(TaskSource source, String description, Thread thread, long startNanos,
		List<StackTraceElement> submitSite, long respondedNanos, String note, long progressNanos) {

	/** Nanoseconds since it was sent, at {@code nowNanos}. */
	public long ageNanos(long nowNanos) {
		return nowNanos - this.startNanos;
	}

	/**
	 * Whether its response body delivered bytes or events at or after {@code sinceNanos}:
	 * it is being consumed, and the thread that reads it is not stuck.
	 */
	public boolean receivedSince(long sinceNanos) {
		return this.progressNanos != 0 && this.progressNanos - sinceNanos >= 0;
	}

}
