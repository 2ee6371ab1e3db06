package dev.leakwatch.core.detect;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskSource;

/**
 * {@code STARVED_QUEUE}: tasks waiting in a source's queue past the threshold while its
 * workers are busy.
 */
final class StarvedQueueRule implements SuspectRule {

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		for (TaskSource source : snapshot.sources()) {
			QueueHistory queue = history.queue(source);
			long queued = source.queued();
			List<RunningTask> running = snapshot.running().stream().filter((task) -> task.source() == source).toList();
			if (queue == null || queued == 0 || running.isEmpty()) {
				continue;
			}
			OptionalLong since = queue.waitingSince(source.dequeuedCount());
			if (since.isEmpty() || snapshot.nowNanos() - since.getAsLong() < snapshot.thresholdNanos()) {
				continue;
			}
			// show what holds the workers: the oldest running task's stack, when it was
			// read
			RunningTask oldest = running.stream().min(Comparator.comparingLong(RunningTask::startNanos)).get();
			evaluation.suspects
				.add(Suspects.starvedQueue(source.name(), LeakDetector.seconds(snapshot.nowNanos() - since.getAsLong()),
						running.stream().map((task) -> task.thread().getName()).toList(),
						snapshot.stackOf(oldest.thread()), queued + " task" + ((queued == 1) ? "" : "s")
								+ " waiting; workers held by " + oldest.description()));
		}
	}

}
