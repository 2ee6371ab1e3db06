package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.SuspectKind;

/**
 * {@code DEADLOCK}: one suspect per deadlock cycle the JVM reports, as old as the first sample that saw it (a cycle
 * first seen by this look is 0 seconds old: it may be older).
 */
final class DeadlockRule implements SuspectRule {

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		for (Deadlock deadlock : snapshot.deadlocks()) {
			Deadlock.DeadlockedThread first = deadlock.threads().get(0);
			long since = history.deadlockSince(keyOf(deadlock), snapshot.nowNanos());
			evaluation.suspects.add(SuspectKind.DEADLOCK, null, null, deadlock.threads().size(),
					LeakDetector.seconds(snapshot.nowNanos() - since), first.state(),
					deadlock.threads().stream().map(Deadlock.DeadlockedThread::name).toList(), first.stack(),
					List.of());
		}
	}

	/** A cycle by its threads and the locks they wait for, in any order. */
	static List<String> keyOf(Deadlock deadlock) {
		return deadlock.threads().stream().map((thread) -> thread.name() + " on " + thread.lock()).sorted().toList();
	}

}
