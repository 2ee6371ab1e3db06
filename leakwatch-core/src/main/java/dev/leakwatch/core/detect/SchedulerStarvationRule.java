package dev.leakwatch.core.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.ScheduledTask;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * {@code SCHEDULER_STARVED}: periodic tasks overdue past the threshold while their
 * scheduler's threads are all held (Boot's default scheduler has one thread: one hung job
 * stops every other). Names the starved jobs and the job holding the thread.
 */
final class SchedulerStarvationRule implements SuspectRule {

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		Map<TaskSource, List<ScheduledTask>> overdueByScheduler = new LinkedHashMap<>();
		for (ScheduledTask task : snapshot.scheduled()) {
			long overdue = task.overdueNanos(snapshot.nowNanos());
			if (overdue >= snapshot.thresholdNanos()) {
				TaskSource scheduler = (task.source().parent() != null) ? task.source().parent() : task.source();
				overdueByScheduler.computeIfAbsent(scheduler, (key) -> new ArrayList<>()).add(task);
			}
		}
		overdueByScheduler.forEach((scheduler, starved) -> {
			List<RunningTask> holders = snapshot.running()
				.stream()
				.filter((task) -> Snapshot.runsOn(task.source(), scheduler))
				.toList();
			if (holders.isEmpty()) {
				return; // late, but nothing of ours holds the threads: not this rule's
						// case
			}
			RunningTask holder = holders.stream().min(Comparator.comparingLong(RunningTask::startNanos)).get();
			ThreadStack holderStack = snapshot.stackOf(holder.thread());
			long mostOverdue = starved.stream()
				.mapToLong((task) -> task.overdueNanos(snapshot.nowNanos()))
				.max()
				.getAsLong();
			String note = "starved: " + String.join(", ", starved.stream().map(ScheduledTask::description).toList())
					+ "; thread held by " + holder.description();
			evaluation.suspects.add(Suspects.schedulerStarved(scheduler.name(), holder.description(), starved.size(),
					LeakDetector.seconds(mostOverdue), holderStack,
					holders.stream().map((task) -> task.thread().getName()).distinct().toList(), note));
		});
	}

}
