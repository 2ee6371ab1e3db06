package dev.leakwatch.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.ScheduledTask;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.thread.ThreadStack;

/** One look at the tasks and threads: what every {@link SuspectRule} judges. */
final class Look {

	final long nowNanos;

	final long thresholdNanos;

	final TaskTracker tracker;

	final DetectorSettings settings;

	final List<RunningTask> running;

	final Map<Long, ThreadStack> stacks;

	final List<Deadlock> deadlocks;

	final List<ScheduledTask> scheduled;

	/** Tasks the rules found stuck, for the per-source counts. */
	final List<RunningTask> stuck = new ArrayList<>();

	Look(long nowNanos, TaskTracker tracker, DetectorSettings settings, List<RunningTask> running,
			Map<Long, ThreadStack> stacks, List<Deadlock> deadlocks, List<ScheduledTask> scheduled) {
		this.nowNanos = nowNanos;
		this.thresholdNanos = settings.stuckThreshold().toNanos();
		this.tracker = tracker;
		this.settings = settings;
		this.running = running;
		this.stacks = stacks;
		this.deadlocks = deadlocks;
		this.scheduled = scheduled;
	}

	/** The stack of the thread running {@code task}, if it has one and it was read. */
	ThreadStack stackOf(RunningTask task) {
		return (task.thread() != null) ? this.stacks.get(task.thread().getId()) : null;
	}

	/** Whether {@code task} runs on {@code source}'s threads: its own, or a scheduled method's of it. */
	static boolean runsOn(RunningTask task, TaskSource source) {
		return task.source() == source || task.source().parent() == source;
	}

	static List<String> lines(List<StackTraceElement> frames) {
		return frames.stream().map(StackTraceElement::toString).toList();
	}

}
