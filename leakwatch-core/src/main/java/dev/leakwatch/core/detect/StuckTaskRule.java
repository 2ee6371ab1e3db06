package dev.leakwatch.core.detect;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.leakwatch.core.task.RunningRequest;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.thread.ApplicationFrames;
import dev.leakwatch.core.thread.BlockingCalls;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * {@code STUCK_TASK} and {@code SCHEDULED_STUCK}: a task that has sat in one wait past
 * the threshold without waking, on a tracked source (named by its bean) or on any pool no
 * bean owns (named by the pool: the common pool, a Reactor scheduler, the thread family).
 * A task that computes, or whose stack moves, is progressing; a task waiting again on a
 * lock it woke from before is a worker loop waiting for its next item: neither is stuck.
 */
final class StuckTaskRule implements SuspectRule {

	static final String COMMON_POOL = "ForkJoinPool.commonPool";

	static final String FIRST_ITEM_NOTE = "waits for an item and was never seen to get one: a consumer still"
			+ " waiting for its first item looks the same; ?proof=true tells";

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		Set<Long> reading = readingBodies(snapshot);
		Set<Long> taskThreads = new HashSet<>(reading);
		for (RunningTask task : snapshot.running()) {
			ThreadTrack track = snapshot.trackOf(task.thread());
			if (track == null || reading.contains(track.id())) {
				continue;
			}
			taskThreads.add(track.id());
			long ageNanos = task.ageNanos(snapshot.nowNanos());
			// first seen in this wait, it began no earlier than the task
			long waitNanos = track.startKnown() ? track.ageNanos(snapshot.nowNanos()) : ageNanos;
			if (ageNanos >= snapshot.thresholdNanos() && isStuck(track, waitNanos, snapshot)) {
				evaluation.stuck.add(task.source());
				evaluation.suspects
					.add(Suspects.stuckTask(task, track.stack(), LeakDetector.seconds(ageNanos), noteOf(track)));
			}
		}
		for (ThreadTrack track : snapshot.threads().values()) {
			if (track.role() == ThreadRole.TASK && !taskThreads.contains(track.id())
					&& isStuck(track, track.ageNanos(snapshot.nowNanos()), snapshot)) {
				StackTraceElement first = ApplicationFrames.first(track.frames());
				// no bean owns the pool: where its worker was started is where the pool
				// is used
				evaluation.suspects.add(Suspects.stuckPoolTask(poolOf(track),
						(first != null) ? first.getClassName() + "." + first.getMethodName() : null, track.stack(),
						LeakDetector.seconds(track.ageNanos(snapshot.nowNanos())), noteOf(track),
						snapshot.createdByLines(List.of(track))));
			}
		}
	}

	/**
	 * Threads reading an HTTP body that delivered something within the threshold: a slow
	 * download is progressing, though its reader sits in the same socket read at every
	 * sample.
	 */
	private static Set<Long> readingBodies(Snapshot snapshot) {
		Set<Long> reading = new HashSet<>();
		long since = snapshot.nowNanos() - snapshot.thresholdNanos();
		for (RunningRequest request : snapshot.requests()) {
			if (request.thread() != null && request.receivedSince(since)) {
				reading.add(request.thread().getId());
			}
		}
		return reading;
	}

	/**
	 * Seen in one wait in two samples in a row, for {@code waitNanos} past the threshold,
	 * not idle, not a loop. A virtual thread has no wait counts, so one that took an item
	 * between two reads looks as if it never woke: a virtual consumer waiting for its
	 * next item is left to the proof rather than guessed stuck.
	 */
	private static boolean isStuck(ThreadTrack track, long waitNanos, Snapshot snapshot) {
		return track.read() && track.continued() && !track.loop() && waitNanos >= snapshot.thresholdNanos()
				&& track.role() != ThreadRole.IDLE && track.role() != ThreadRole.IDLE_WORKER
				&& BlockingCalls.isBlocked(track.stack()) && !isJoiningSubtask(track.stack())
				&& !(track.virtual() && waitsForItem(track));
	}

	/**
	 * A fork-join worker joining a subtask waits while other workers compute it: a long
	 * parallel computation, not a stall (a stalled subtask shows on the worker that runs
	 * it).
	 */
	private static boolean isJoiningSubtask(ThreadStack stack) {
		return stack.hasFrame("java.util.concurrent.ForkJoinTask", "awaitDone");
	}

	/** The pool a worker no bean owns belongs to, by its thread name. */
	private static String poolOf(ThreadTrack track) {
		return track.name().startsWith(COMMON_POOL + "-") ? COMMON_POOL : track.family();
	}

	/**
	 * What the rule cannot tell, where a queue consumer and a stuck take look the same.
	 */
	private static String noteOf(ThreadTrack track) {
		return (track.wokeFrom().length == 0 && waitsForItem(track)) ? FIRST_ITEM_NOTE : null;
	}

	/**
	 * Whether the thread waits in a queue's {@code take} or {@code poll}, as a consumer
	 * does between items.
	 */
	private static boolean waitsForItem(ThreadTrack track) {
		for (StackTraceElement frame : track.frames()) {
			String method = frame.getMethodName();
			if (frame.getClassName().endsWith("Queue") && (method.equals("take") || method.equals("poll"))) {
				return true;
			}
		}
		return false;
	}

}
