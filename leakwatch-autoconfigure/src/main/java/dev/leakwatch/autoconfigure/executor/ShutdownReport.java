package dev.leakwatch.autoconfigure.executor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.thread.StackGroup;
import dev.leakwatch.core.thread.StackGroups;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * What is still running when the application context has closed: executor beans never
 * shut down, and tracked tasks still running, grouped by stack. Tomcat warns of the same
 * at undeploy; it is the last chance to see a leak before the JVM (or the next context in
 * it) inherits it.
 */
final class ShutdownReport {

	private static final int STACK_DEPTH = 16;

	/**
	 * How long tasks still running at close get to end before they are reported: a task
	 * whose caller already has its result may still be in the pool's {@code afterExecute}
	 * hook, which ends its run.
	 */
	static final Duration SETTLE = Duration.ofMillis(200);

	private ShutdownReport() {
	}

	/** The tasks still running once {@link #SETTLE} has passed, or as soon as none is. */
	private static List<RunningTask> stillRunning(TaskTracker tracker) {
		long deadline = System.nanoTime() + SETTLE.toNanos();
		long pauseMillis = 1;
		List<RunningTask> running = tracker.running();
		while (!running.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(pauseMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			pauseMillis = Math.min(pauseMillis * 2, 50);
			running = tracker.running();
		}
		return running;
	}

	/** The report, or {@code null} when everything stopped. */
	static String of(Map<String, Object> executors, TaskTracker tracker) {
		List<String> neverShutDown = new ArrayList<>();
		executors.forEach((name, executor) -> {
			if (executor instanceof ExecutorService service && !service.isShutdown()) {
				neverShutDown.add(name);
			}
		});
		List<RunningTask> running = stillRunning(tracker);
		if (neverShutDown.isEmpty() && running.isEmpty()) {
			return null;
		}
		StringBuilder report = new StringBuilder("leakwatch: the application context has closed, but ");
		report.append(neverShutDown.size())
			.append(" executor bean(s) were never shut down ")
			.append(neverShutDown)
			.append(" and ")
			.append(running.size())
			.append(" tracked task(s) are still running");
		long[] ids = running.stream().mapToLong((task) -> task.thread().getId()).distinct().toArray();
		List<ThreadStack> stacks = new ArrayList<>();
		for (ThreadInfo info : ManagementFactory.getThreadMXBean().getThreadInfo(ids, STACK_DEPTH)) {
			if (info != null) {
				stacks.add(ThreadStack.of(info));
			}
		}
		for (StackGroup group : StackGroups.group(stacks, (stack) -> false)) {
			report.append(System.lineSeparator())
				.append(group.count())
				.append(" @ ")
				.append(group.state())
				.append(' ')
				.append(group.families());
			group.stack().forEach((frame) -> report.append(System.lineSeparator()).append("    at ").append(frame));
		}
		running.forEach((task) -> report.append(System.lineSeparator())
			.append("  ")
			.append(task.source().name())
			.append(": ")
			.append(task.description())
			.append(" on ")
			.append(task.thread().getName()));
		return report.toString();
	}

}
