package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.SuspectKind;

/** {@code DEADLOCK}: one suspect per deadlock cycle the JVM reports. */
final class DeadlockRule implements SuspectRule {

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		for (Deadlock deadlock : snapshot.deadlocks()) {
			Deadlock.DeadlockedThread first = deadlock.threads().get(0);
			evaluation.suspects.add(SuspectKind.DEADLOCK, null, null, deadlock.threads().size(), 0, first.state(),
					deadlock.threads().stream().map(Deadlock.DeadlockedThread::name).toList(), first.stack(),
					List.of());
		}
	}

}
