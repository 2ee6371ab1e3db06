package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.report.Deadlock;

/**
 * {@code DEADLOCK}: one suspect per deadlock cycle the JVM reports, as old as the first
 * sample that saw it (a cycle first seen by this look is 0 seconds old: it may be older).
 */
final class DeadlockRule implements SuspectRule {

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		for (Deadlock deadlock : snapshot.deadlocks()) {
			long since = history.deadlockSince(keyOf(deadlock), snapshot.nowNanos());
			evaluation.suspects.add(Suspects.deadlock(deadlock, LeakDetector.seconds(snapshot.nowNanos() - since)));
		}
	}

	/** A cycle by its threads and the locks they wait for, in any order. */
	static List<String> keyOf(Deadlock deadlock) {
		return deadlock.threads().stream().map((thread) -> thread.name() + " on " + thread.lock()).sorted().toList();
	}

}
