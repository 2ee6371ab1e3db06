package dev.leakwatch.core.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.task.RunningRequest;
import dev.leakwatch.core.task.RunningTask;

/**
 * The threads doing tracked work at one instant, by thread id: when the work started (the
 * task's or the awaited request's, the earlier of both) and, for a tracked task, the
 * number of the outermost run in progress (a task run inline in another is part of it). A
 * start comes from the task clock, which may be a tick or more behind: it orders the
 * threads and bounds their waits, but cannot tell whether a wait the sampler saw began
 * before the task did. The run number can.
 *
 * @param starts when each thread's tracked work started
 * @param runs the outermost run in progress on each thread running a tracked task
 */
record TaskThreads(Map<Long, Long> starts, Map<Long, Long> runs) {

	static TaskThreads of(List<RunningTask> running, List<RunningRequest> requests) {
		Map<Long, Long> starts = new HashMap<>();
		running.forEach((task) -> startedAt(starts, task.thread(), task.startNanos()));
		requests.forEach((request) -> startedAt(starts, request.thread(), request.startNanos()));
		Map<Long, Long> runs = new HashMap<>();
		for (RunningTask task : running) {
			if (task.thread() != null) {
				runs.put(task.thread().getId(), task.outermostRun());
			}
		}
		return new TaskThreads(starts, runs);
	}

	private static void startedAt(Map<Long, Long> starts, Thread thread, long startNanos) {
		if (thread != null) {
			starts.merge(thread.getId(), startNanos, Math::min);
		}
	}

}
