package dev.leakwatch.core.detect;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.thread.ThreadStack;

/** {@code STARVED_QUEUE}: tasks waiting in a source's queue past the threshold while its workers are busy. */
final class StarvedQueueRule implements SuspectRule {

	private final Map<TaskSource, QueueHistory> queues = new ConcurrentHashMap<>();

	@Override
	public void beforeSample(Look look) {
		for (TaskSource source : look.tracker.sources()) {
			this.queues.computeIfAbsent(source, (key) -> new QueueHistory())
				.mark(look.nowNanos, source.submittedCount(), source.dequeuedCount());
		}
	}

	@Override
	public void evaluate(Look look, SuspectCollector suspects) {
		for (TaskSource source : look.tracker.sources()) {
			QueueHistory history = this.queues.get(source);
			long queued = source.queued();
			List<RunningTask> running = look.running.stream().filter((task) -> task.source() == source).toList();
			if (history == null || queued == 0 || running.isEmpty()) {
				continue;
			}
			OptionalLong since = history.waitingSince(source.dequeuedCount());
			if (since.isEmpty() || look.nowNanos - since.getAsLong() < look.thresholdNanos) {
				continue;
			}
			// show what holds the workers: the oldest running task's stack, when it was read
			RunningTask oldest = running.stream().min(Comparator.comparingLong(RunningTask::startNanos)).get();
			ThreadStack holder = look.stackOf(oldest);
			suspects.add(SuspectKind.STARVED_QUEUE, source.name(), null, (int) Math.min(queued, Integer.MAX_VALUE),
					LeakDetector.seconds(look.nowNanos - since.getAsLong()), null,
					running.stream().map((task) -> task.thread().getName()).toList(),
					(holder != null) ? holder.frameLines() : List.of(), List.of(),
					"workers held by " + oldest.description());
		}
	}

}
