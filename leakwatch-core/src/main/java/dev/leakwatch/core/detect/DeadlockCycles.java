package dev.leakwatch.core.detect;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.leakwatch.core.report.Deadlock;

/**
 * Splits the threads the JVM reports as deadlocked into cycles, following who waits for
 * whose lock.
 */
final class DeadlockCycles {

	private DeadlockCycles() {
	}

	static List<Deadlock> of(Map<Long, ThreadInfo> deadlocked) {
		List<Deadlock> cycles = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		for (ThreadInfo start : deadlocked.values()) {
			if (seen.contains(start.getThreadId())) {
				continue;
			}
			List<Deadlock.DeadlockedThread> cycle = new ArrayList<>();
			for (ThreadInfo info = start; info != null
					&& seen.add(info.getThreadId()); info = deadlocked.get(info.getLockOwnerId())) {
				cycle.add(new Deadlock.DeadlockedThread(info.getThreadName(), info.getThreadState(), info.getLockName(),
						info.getLockOwnerName(),
						Arrays.stream(info.getStackTrace()).map(StackTraceElement::toString).toList()));
			}
			cycles.add(new Deadlock(List.copyOf(cycle)));
		}
		return cycles;
	}

}
