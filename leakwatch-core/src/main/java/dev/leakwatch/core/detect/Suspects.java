package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.RunningRequest;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * One factory per kind of suspect, each taking what that kind has: which fields a kind
 * fills is said once, here, rather than by {@code null}s at the rules' call sites.
 */
final class Suspects {

	private Suspects() {
	}

	/**
	 * A tracked task stuck in one wait: {@code SCHEDULED_STUCK} for a scheduled job, else
	 * {@code STUCK_TASK}.
	 */
	static Suspect stuckTask(RunningTask task, ThreadStack stack, double ageSeconds, String note) {
		SuspectKind kind = (task.source().kind() == TaskKind.SCHEDULED) ? SuspectKind.SCHEDULED_STUCK
				: SuspectKind.STUCK_TASK;
		return new Suspect(kind, task.source().name(), task.description(), 1, ageSeconds, stack.state(),
				List.of(stack.name()), stack.frameLines(), Snapshot.lines(task.submitSite()), note, null);
	}

	/**
	 * A task stuck on a pool no bean owns: named by the pool, the task by its innermost
	 * application frame.
	 */
	static Suspect stuckPoolTask(String pool, String task, ThreadStack stack, double ageSeconds, String note,
			List<String> createdBy) {
		return new Suspect(SuspectKind.STUCK_TASK, pool, task, 1, ageSeconds, stack.state(), List.of(stack.name()),
				stack.frameLines(), List.of(), note, null, createdBy);
	}

	/**
	 * An HTTP request with no response past the threshold; {@code stack} is its thread's,
	 * when it was read.
	 */
	static Suspect httpStuck(RunningRequest request, ThreadStack stack, double ageSeconds) {
		return new Suspect(SuspectKind.HTTP_STUCK, request.source().name(), request.description(), 1, ageSeconds,
				(stack != null) ? stack.state() : null, threadOf(request),
				(stack != null) ? stack.frameLines() : List.of(), Snapshot.lines(request.submitSite()), request.note(),
				null);
	}

	/** A response whose body nobody has read, or stopped reading, past the threshold. */
	static Suspect unconsumedResponse(RunningRequest request, double ageSeconds, String note) {
		return new Suspect(SuspectKind.UNCONSUMED_RESPONSE, request.source().name(), request.description(), 1,
				ageSeconds, null, threadOf(request), List.of(), Snapshot.lines(request.submitSite()), note, null);
	}

	/**
	 * Tasks queued past the threshold behind workers that all run: one leak however many
	 * wait, shown with the stack of the oldest running task when it was read.
	 */
	static Suspect starvedQueue(String source, double ageSeconds, List<String> workers, ThreadStack holder,
			String note) {
		return new Suspect(SuspectKind.STARVED_QUEUE, source, null, 1, ageSeconds, null, workers,
				(holder != null) ? holder.frameLines() : List.of(), List.of(), note, null);
	}

	/**
	 * Periodic jobs overdue on a scheduler whose threads a job holds; {@code count} is
	 * how many are overdue.
	 */
	static Suspect schedulerStarved(String scheduler, String holder, int count, double ageSeconds,
			ThreadStack holderStack, List<String> threads, String note) {
		return new Suspect(SuspectKind.SCHEDULER_STARVED, scheduler, holder, count, ageSeconds,
				(holderStack != null) ? holderStack.state() : null, threads,
				(holderStack != null) ? holderStack.frameLines() : List.of(), List.of(), note, null);
	}

	/** A deadlock cycle, shown with its first thread's state and stack. */
	static Suspect deadlock(Deadlock deadlock, double ageSeconds) {
		Deadlock.DeadlockedThread first = deadlock.threads().get(0);
		return new Suspect(SuspectKind.DEADLOCK, null, null, deadlock.threads().size(), ageSeconds, first.state(),
				deadlock.threads().stream().map(Deadlock.DeadlockedThread::name).toList(), first.stack(), List.of(),
				null, null);
	}

	/**
	 * {@code THREAD_GROWTH} or {@code EXECUTOR_GROWTH} of one family; {@code count}
	 * threads or executors.
	 */
	static Suspect growth(SuspectKind kind, String family, int count, double ageSeconds, Thread.State state,
			List<String> threads, List<String> stack, String note, List<String> createdBy) {
		return new Suspect(kind, family, null, count, ageSeconds, state, threads, stack, List.of(), note, null,
				createdBy);
	}

	/**
	 * Live copies of one periodic task that grew, with the call site most of them were
	 * scheduled from.
	 */
	static Suspect periodicGrowth(String source, String task, int count, double ageSeconds, List<String> scheduledFrom,
			String note) {
		return new Suspect(SuspectKind.PERIODIC_TASK_GROWTH, source, task, count, ageSeconds, null, List.of(),
				List.of(), scheduledFrom, note, null);
	}

	private static List<String> threadOf(RunningRequest request) {
		return (request.thread() != null) ? List.of(request.thread().getName()) : List.of();
	}

}
