package dev.leakwatch.core.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Folds threads with the same state and stack into {@link StackGroup}s, largest first. */
public final class StackGroups {

	private StackGroups() {
	}

	public static List<StackGroup> group(List<ThreadStack> threads, Predicate<ThreadStack> idle) {
		Map<GroupKey, Accumulator> groups = new LinkedHashMap<>();
		for (ThreadStack thread : threads) {
			groups.computeIfAbsent(new GroupKey(thread.state(), thread.frames()), (key) -> new Accumulator(thread))
				.add(thread, idle.test(thread));
		}
		List<StackGroup> result = new ArrayList<>(groups.size());
		for (Accumulator group : groups.values()) {
			result.add(new StackGroup(group.count, group.first.state(), List.copyOf(group.families), group.idle,
					group.first.frameLines()));
		}
		result.sort(Comparator.comparingInt(StackGroup::count).reversed());
		return result;
	}

	private record GroupKey(Thread.State state, List<StackTraceElement> frames) {
	}

	private static final class Accumulator {

		private final ThreadStack first;

		private final TreeSet<String> families = new TreeSet<>();

		private int count;

		private boolean idle = true;

		Accumulator(ThreadStack first) {
			this.first = first;
		}

		void add(ThreadStack thread, boolean threadIdle) {
			this.count++;
			this.idle &= threadIdle;
			this.families.add(ThreadFamilies.familyOf(thread.name()));
		}

	}

}
