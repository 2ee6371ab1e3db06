package dev.leakwatch.core.detect;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.ScheduledTask;
import dev.leakwatch.core.task.TaskSource;

/**
 * {@code PERIODIC_TASK_GROWTH}: a source whose live periodic tasks grew by at least the configured increase
 * within the growth window: a ticker started per call and never stopped. Names the call site seen most.
 */
final class PeriodicGrowthRule implements SuspectRule {

	private final Map<TaskSource, ArrayDeque<long[]>> history = new ConcurrentHashMap<>();

	@Override
	public void beforeSample(Look look) {
		Map<TaskSource, Long> counts = count(look.scheduled);
		long windowStart = look.nowNanos - look.settings.growthWindow().toNanos();
		for (TaskSource source : look.tracker.sources()) {
			ArrayDeque<long[]> marks = this.history.computeIfAbsent(source, (key) -> new ArrayDeque<>());
			synchronized (marks) {
				marks.addLast(new long[] { look.nowNanos, counts.getOrDefault(source, 0L) });
				while (marks.size() > 1 && marks.peekFirst()[0] < windowStart) {
					marks.pollFirst();
				}
			}
		}
	}

	@Override
	public void evaluate(Look look, SuspectCollector suspects) {
		Map<TaskSource, List<ScheduledTask>> bySource = look.scheduled.stream()
			.collect(Collectors.groupingBy(ScheduledTask::source));
		bySource.forEach((source, tasks) -> {
			ArrayDeque<long[]> marks = this.history.get(source);
			if (marks == null) {
				return;
			}
			long lowest;
			long since;
			synchronized (marks) {
				long[] low = marks.stream().min(Comparator.comparingLong((long[] mark) -> mark[1])).orElse(null);
				if (low == null) {
					return;
				}
				lowest = low[1];
				since = low[0];
			}
			if (tasks.size() - lowest < look.settings.periodicGrowthMinIncrease()) {
				return;
			}
			Map<List<StackTraceElement>, Long> sites = tasks.stream()
				.collect(Collectors.groupingBy(ScheduledTask::submitSite, Collectors.counting()));
			List<StackTraceElement> commonest = sites.entrySet()
				.stream()
				.max(Map.Entry.comparingByValue())
				.map(Map.Entry::getKey)
				.orElse(List.of());
			String task = tasks.stream()
				.filter((candidate) -> candidate.submitSite().equals(commonest))
				.findFirst()
				.map(ScheduledTask::description)
				.orElse(null);
			suspects.add(SuspectKind.PERIODIC_TASK_GROWTH, source.name(), task, tasks.size(),
					LeakDetector.seconds(look.nowNanos - since), null, List.of(), List.of(), Look.lines(commonest),
					"live periodic tasks grew from " + lowest + " to " + tasks.size() + "; "
							+ sites.getOrDefault(commonest, 0L) + " scheduled from the same call site");
		});
	}

	static Map<TaskSource, Long> count(List<ScheduledTask> scheduled) {
		Map<TaskSource, Long> counts = new HashMap<>();
		for (ScheduledTask task : scheduled) {
			counts.merge(task.source(), 1L, Long::sum);
		}
		return counts;
	}


}
