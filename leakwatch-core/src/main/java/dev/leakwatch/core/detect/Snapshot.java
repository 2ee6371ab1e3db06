package dev.leakwatch.core.detect;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.origin.SiteCount;
import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.task.RunningRequest;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.ScheduledTask;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * One frozen look at the tasks and threads: what every {@link SuspectRule} judges, with
 * the {@link History} of the samples before it.
 *
 * @param nowNanos when it was taken
 * @param settings how to judge
 * @param threads every live thread read, by id (virtual threads when they are read)
 * @param running the tracked tasks running
 * @param requests the HTTP requests of tracked clients in flight
 * @param scheduled the live periodic tasks
 * @param deadlocks deadlock cycles
 * @param sources the tracked task sources
 * @param createdBy where each thread was started, by thread id
 * ({@link CreationSite#UNKNOWN} without a recorder)
 */
record Snapshot(long nowNanos, DetectorSettings settings, Map<Long, ThreadTrack> threads, List<RunningTask> running,
		List<RunningRequest> requests, List<ScheduledTask> scheduled, List<Deadlock> deadlocks,
		Collection<TaskSource> sources, LongFunction<CreationSite> createdBy) {

	/** Without a recorder of where threads start. */
	static final LongFunction<CreationSite> NO_SITES = (id) -> CreationSite.UNKNOWN;

	/** The created-by lines of {@code threads}, empty where no site is recorded. */
	List<String> createdByLines(List<ThreadTrack> threads) {
		if (this.createdBy == NO_SITES) {
			return List.of();
		}
		long[] ids = threads.stream().mapToLong(ThreadTrack::id).toArray();
		return SiteCount.createdByLines(SiteCount.tally(ids, this.createdBy), ids.length);
	}

	long thresholdNanos() {
		return this.settings.stuckThreshold().toNanos();
	}

	/**
	 * The track of {@code thread} (a task's, a request's), if it has one and it was read.
	 */
	ThreadTrack trackOf(Thread thread) {
		return (thread != null) ? this.threads.get(thread.getId()) : null;
	}

	/** The stack of {@code thread}, if it has one and its frames were read. */
	ThreadStack stackOf(Thread thread) {
		ThreadTrack track = trackOf(thread);
		return (track != null) ? track.stack() : null;
	}

	/**
	 * Whether work of {@code taskSource} runs on {@code source}'s threads: its own, or a
	 * scheduled method's of it.
	 */
	static boolean runsOn(TaskSource taskSource, TaskSource source) {
		return taskSource == source || taskSource.parent() == source;
	}

	static List<String> lines(List<StackTraceElement> frames) {
		return frames.stream().map(StackTraceElement::toString).toList();
	}

}
