package dev.leakwatch.core.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.thread.BlockingCalls;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * {@code STUCK_TASK} and {@code SCHEDULED_STUCK}: a task past the threshold whose thread is blocked on the
 * same stack as in the previous sample. A long task whose stack changes, or that computes, is progressing.
 */
final class StuckTaskRule implements SuspectRule {

	private Map<Long, Observation> observations = Map.of();

	@Override
	public void evaluate(Look look, SuspectCollector suspects) {
		for (RunningTask task : look.running) {
			ThreadStack stack = look.stackOf(task);
			if (isThreadTask(task) && isStuck(task, stack, look)) {
				look.stuck.add(task);
				SuspectKind kind = (task.source().kind() == TaskKind.SCHEDULED) ? SuspectKind.SCHEDULED_STUCK
						: SuspectKind.STUCK_TASK;
				suspects.add(kind, task.source().name(), task.description(), 1,
						LeakDetector.seconds(task.ageNanos(look.nowNanos)), stack.state(), List.of(stack.name()),
						stack.frameLines(), Look.lines(task.submitSite()));
			}
		}
	}

	/** HTTP requests have rules of their own. */
	private static boolean isThreadTask(RunningTask task) {
		TaskKind kind = task.source().kind();
		return kind != TaskKind.WEBCLIENT && kind != TaskKind.RESTCLIENT;
	}

	private boolean isStuck(RunningTask task, ThreadStack stack, Look look) {
		if (stack == null || task.ageNanos(look.nowNanos) < look.thresholdNanos || !BlockingCalls.isBlocked(stack)
				|| IdleThreads.isIdle(stack, look.settings.idleFilters())) {
			return false;
		}
		Observation before = this.observations.get(stack.id());
		return before != null && before.identity == task.identity() && before.startNanos == task.startNanos()
				&& before.state == stack.state() && before.frames.equals(stack.frames());
	}

	@Override
	public void afterSample(Look look) {
		Map<Long, Observation> observed = new HashMap<>();
		for (RunningTask task : look.running) {
			ThreadStack stack = look.stackOf(task);
			if (stack != null) {
				observed.put(stack.id(),
						new Observation(task.identity(), task.startNanos(), stack.state(), stack.frames()));
			}
		}
		this.observations = observed;
	}

	private record Observation(Object identity, long startNanos, Thread.State state,
			List<StackTraceElement> frames) {
	}

}
