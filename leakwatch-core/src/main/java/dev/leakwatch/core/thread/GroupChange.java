package dev.leakwatch.core.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of threads (same state and stack) whose count changed between a baseline and
 * now, like {@code pprof -diff_base}.
 *
 * @param change the change as {@code +n} or {@code -n}
 * @param delta the change as a number
 * @param count threads in the group now
 * @param before threads in the group at the baseline
 * @param state their state
 * @param families their name families, now or at the baseline
 * @param stack the shared stack, innermost first
 */
public record GroupChange(String change, int delta, int count, int before, Thread.State state, List<String> families,
		List<String> stack) {

	/**
	 * The groups whose count changed from {@code baseline} to {@code now}, largest change
	 * first.
	 */
	public static List<GroupChange> between(List<StackGroup> baseline, List<StackGroup> now) {
		Map<Key, StackGroup> before = new LinkedHashMap<>();
		baseline.forEach((group) -> before.put(new Key(group.state(), group.stack()), group));
		List<GroupChange> changes = new ArrayList<>();
		for (StackGroup group : now) {
			StackGroup old = before.remove(new Key(group.state(), group.stack()));
			int was = (old != null) ? old.count() : 0;
			if (group.count() != was) {
				changes.add(of(group, group.count(), was));
			}
		}
		before.values().forEach((gone) -> changes.add(of(gone, 0, gone.count())));
		changes.sort(Comparator.comparingInt((GroupChange change) -> Math.abs(change.delta())).reversed());
		return changes;
	}

	private static GroupChange of(StackGroup group, int count, int before) {
		int delta = count - before;
		return new GroupChange(((delta > 0) ? "+" : "") + delta, delta, count, before, group.state(), group.families(),
				group.stack());
	}

	private record Key(Thread.State state, List<String> stack) {
	}

}
