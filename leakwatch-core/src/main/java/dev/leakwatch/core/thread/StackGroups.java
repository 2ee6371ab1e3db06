package dev.leakwatch.core.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.origin.SiteCount;

/**
 * Folds threads with the same state and stack into {@link StackGroup}s, largest first.
 */
public final class StackGroups {

	private StackGroups() {
	}

	/** Groups without creation sites. */
	public static List<StackGroup> group(List<ThreadStack> threads, Predicate<ThreadStack> idle) {
		return group(threads, idle, null);
	}

	/**
	 * Groups, each with the creation sites of its threads as {@code createdBy} (a
	 * {@code ThreadOrigins::siteOf}); {@code createdBy} may be {@code null}, then groups
	 * have none.
	 */
	public static List<StackGroup> group(List<ThreadStack> threads, Predicate<ThreadStack> idle,
			LongFunction<CreationSite> createdBy) {
		Map<GroupKey, Accumulator> groups = new LinkedHashMap<>();
		for (ThreadStack thread : threads) {
			groups.computeIfAbsent(new GroupKey(thread.state(), thread.frames()), (key) -> new Accumulator(thread))
				.add(thread, idle.test(thread));
		}
		List<StackGroup> result = new ArrayList<>(groups.size());
		for (Accumulator group : groups.values()) {
			List<SiteCount> sites = (createdBy != null)
					? SiteCount.tally(group.ids.stream().mapToLong(Long::longValue).toArray(), createdBy) : List.of();
			result.add(new StackGroup(group.ids.size(), group.first.state(), List.copyOf(group.families), group.idle,
					group.first.frameLines(), sites));
		}
		result.sort(Comparator.comparingInt(StackGroup::count).reversed());
		return result;
	}

	private record GroupKey(Thread.State state, List<StackTraceElement> frames) {
	}

	private static final class Accumulator {

		private final ThreadStack first;

		private final TreeSet<String> families = new TreeSet<>();

		private final List<Long> ids = new ArrayList<>();

		private boolean idle = true;

		Accumulator(ThreadStack first) {
			this.first = first;
		}

		void add(ThreadStack thread, boolean threadIdle) {
			this.ids.add(thread.id());
			this.idle &= threadIdle;
			this.families.add(ThreadFamilies.familyOf(thread.name()));
		}

	}

}
