package dev.leakwatch.core.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

	/** Live platform threads, by id and name. */
	final List<LiveThread> live;

	private final Function<long[], Map<Long, ThreadStack>> stackReader;

	/** Tasks the rules found stuck, for the per-source counts. */
	final List<RunningTask> stuck = new ArrayList<>();

	Look(long nowNanos, TaskTracker tracker, DetectorSettings settings, List<RunningTask> running,
			Map<Long, ThreadStack> stacks, List<Deadlock> deadlocks, List<ScheduledTask> scheduled,
			List<LiveThread> live, Function<long[], Map<Long, ThreadStack>> stackReader) {
		this.nowNanos = nowNanos;
		this.thresholdNanos = settings.stuckThreshold().toNanos();
		this.tracker = tracker;
		this.settings = settings;
		this.running = running;
		this.stacks = stacks;
		this.deadlocks = deadlocks;
		this.scheduled = scheduled;
		this.live = live;
		this.stackReader = stackReader;
	}

	/** The stacks of {@code ids}: read now in a background sample, taken from the dump in a report. */
	Map<Long, ThreadStack> stacksOf(long[] ids) {
		Map<Long, ThreadStack> read = this.stackReader.apply(ids);
		Map<Long, ThreadStack> stacks = new HashMap<>();
		for (long id : ids) {
			ThreadStack stack = read.get(id);
			if (stack != null) {
				stacks.put(id, stack);
			}
		}
		return stacks;
	}

	/** A live thread; virtual threads are named {@code virtual:name}, so that they form families of their own. */
	record LiveThread(long id, String name, boolean virtual) {

		LiveThread(long id, String name) {
			this(id, name, false);
		}

		static LiveThread of(ThreadStack thread) {
			return new LiveThread(thread.id(), thread.virtual() ? "virtual:" + thread.name() : thread.name(),
					thread.virtual());
		}

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
