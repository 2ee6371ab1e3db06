package dev.leakwatch.core.task;

import java.util.List;

/**
 * A tracked task seen running at one instant (an HTTP request in flight is a
 * {@link RunningRequest}).
 *
 * @param source the source it was submitted to
 * @param description a short description of the task
 * @param thread the thread running it
 * @param submitNanos {@link System#nanoTime()} at submit, to within the task clock's 100
 * ms tick
 * @param startNanos {@link System#nanoTime()} at the start of this run, to within the
 * task clock's 100 ms tick
 * @param submitSite where it was submitted from; empty unless capture is on
 * @param run the run's number on its thread: a later sample shows the same run with the
 * same thread and number
 * @param outermostRun the run of the outermost task in progress on the thread:
 * {@code run}, unless this run is nested in another (run inline, caller-runs); the
 * thread's waits before this run but within that one are the same task's
 */
public record RunningTask(TaskSource source, String description, Thread thread, long submitNanos, long startNanos,
		List<StackTraceElement> submitSite, long run, long outermostRun) {

	/** Nanoseconds this run has been going at {@code nowNanos}. */
	public long ageNanos(long nowNanos) {
		return nowNanos - this.startNanos;
	}

}
