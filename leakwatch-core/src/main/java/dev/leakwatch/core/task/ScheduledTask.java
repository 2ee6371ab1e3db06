package dev.leakwatch.core.task;

import java.util.List;

/**
 * A live periodic task seen at one instant.
 *
 * @param source the source it was scheduled under
 * @param description a short description of it
 * @param nextDueNanos when its next run is due ({@link System#nanoTime()})
 * @param running whether a run is going on now
 * @param submitSite where it was scheduled from
 */
public record ScheduledTask(TaskSource source, String description, long nextDueNanos, boolean running,
		List<StackTraceElement> submitSite) {

	/**
	 * How long its next run has been due and not started at {@code nowNanos}; 0 when it
	 * is not late.
	 */
	public long overdueNanos(long nowNanos) {
		return this.running ? 0 : Math.max(0, nowNanos - this.nextDueNanos);
	}

}
