package dev.leakwatch.core.report;

import java.util.List;

/**
 * Leak suspects of one kind, source and stack, folded into one entry.
 *
 * @param kind why they are suspected
 * @param source the executor or scheduler they belong to, or {@code null} for threads no
 * source owns
 * @param task a short description of the task, or {@code null}
 * @param count how many tasks or threads
 * @param oldestAgeSeconds how long the oldest of them has been stuck, waiting or running
 * @param state the thread state, or {@code null} where no thread is involved
 * @param threads the names of the threads involved
 * @param stack the shared stack, innermost first
 * @param submittedFrom where the oldest task was submitted from; empty unless submit-site
 * capture is on
 * @param note what else helps to find the cause (the job holding a starved scheduler, a
 * client's timeout), or {@code null}
 * @param proof what a heap proof found for its threads: {@code unreachable} (every one
 * proven leaked), {@code reachable} (one of them could still be woken), or {@code null}
 * when no proof judged them
 * @param createdBy where its threads were started, as Go's {@code created by} says: the
 * site's line, then its application frames; empty when not known (no Flight Recorder, or
 * a suspect of tasks rather than threads)
 */
public record Suspect(SuspectKind kind, String source, String task, int count, double oldestAgeSeconds,
		Thread.State state, List<String> threads, List<String> stack, List<String> submittedFrom, String note,
		String proof, List<String> createdBy) {

	public Suspect {
		createdBy = (createdBy != null) ? List.copyOf(createdBy) : List.of();
	}

	/** A suspect whose threads' creation site is not known. */
	public Suspect(SuspectKind kind, String source, String task, int count, double oldestAgeSeconds, Thread.State state,
			List<String> threads, List<String> stack, List<String> submittedFrom, String note, String proof) {
		this(kind, source, task, count, oldestAgeSeconds, state, threads, stack, submittedFrom, note, proof, List.of());
	}

	/** This suspect with {@code proof}. */
	public Suspect withProof(String proof) {
		return new Suspect(this.kind, this.source, this.task, this.count, this.oldestAgeSeconds, this.state,
				this.threads, this.stack, this.submittedFrom, this.note, proof, this.createdBy);
	}

}
