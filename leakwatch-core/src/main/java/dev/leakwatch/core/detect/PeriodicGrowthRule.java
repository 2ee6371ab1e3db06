package dev.leakwatch.core.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.ScheduledTask;
import dev.leakwatch.core.task.TaskSource;

/**
 * {@code PERIODIC_TASK_GROWTH}: live periodic copies of one task on one source grew past
 * their {@link GrowthMarks baseline} low by at least the configured increase: a ticker
 * started per call and never stopped. Reported for as long as the copies stay above that
 * low; names the call site seen most.
 */
final class PeriodicGrowthRule implements SuspectRule {

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		Map<Evaluation.GrowthKey, List<ScheduledTask>> copies = snapshot.scheduled()
			.stream()
			.collect(
					Collectors
						.groupingBy(
								(task) -> new Evaluation.GrowthKey(SuspectKind.PERIODIC_TASK_GROWTH,
										task.source().name(), task.description()),
								LinkedHashMap::new, Collectors.toList()));
		copies.forEach((key, tasks) -> {
			evaluation.growthCounts.put(key, new long[] { tasks.size(), tasks.size() });
			GrowthMarks.Low low = history.growthLow(key);
			if (low == null || tasks.size() - low.count() < snapshot.settings().periodicGrowthMinIncrease()) {
				return;
			}
			evaluation.growthLows.put(key, low);
			Map<List<StackTraceElement>, Long> sites = tasks.stream()
				.collect(Collectors.groupingBy(ScheduledTask::submitSite, Collectors.counting()));
			Map.Entry<List<StackTraceElement>, Long> commonest = sites.entrySet()
				.stream()
				.max(Map.Entry.comparingByValue())
				.get();
			evaluation.suspects.add(Suspects.periodicGrowth(key.name(), key.task(), tasks.size(),
					LeakDetector.seconds(snapshot.nowNanos() - low.sinceNanos()), Snapshot.lines(commonest.getKey()),
					"live periodic copies grew from " + low.count() + " to " + tasks.size() + "; "
							+ commonest.getValue() + " scheduled from the same call site"));
		});
	}

	/** Live periodic tasks per source. */
	static Map<TaskSource, Long> count(List<ScheduledTask> scheduled) {
		Map<TaskSource, Long> counts = new LinkedHashMap<>();
		for (ScheduledTask task : scheduled) {
			counts.merge(task.source(), 1L, Long::sum);
		}
		return counts;
	}

}
