package dev.leakwatch.core.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.thread.BlockingCalls;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.StackGroup;
import dev.leakwatch.core.thread.StackGroups;
import dev.leakwatch.core.thread.ThreadFamilies;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * Leaks of threads no bean owns, seen as growth within the growth window, counted per name family.
 * <ul>
 * <li>{@code THREAD_GROWTH}: a family grew by the configured increase and as many of its threads are blocked
 * and not idle by design: {@code new Thread(...)} per call, parked forever.</li>
 * <li>{@code EXECUTOR_GROWTH}: the pools of a factory family ({@code pool-N-thread-M}: N is the pool) grew by
 * the configured increase while their workers sit idle: an executor per call, never shut down.</li>
 * </ul>
 * A pool that grows to its core size once, and threads that finish, leave the counts flat: never a suspect.
 */
final class ThreadGrowthRule implements SuspectRule {

	private static final int MAX_NAMES = 20;

	private final Map<String, ArrayDeque<long[]>> threads = new HashMap<>();

	private final Map<String, ArrayDeque<long[]>> pools = new HashMap<>();

	/** When the previous sample was taken; a family first seen after it had no threads then. */
	private long previousSampleNanos = -1;

	@Override
	public void beforeSample(Look look) {
		Map<String, List<Look.LiveThread>> families = byFamily(look.live);
		long windowStart = look.nowNanos - look.settings.growthWindow().toNanos();
		mark(this.threads, families, look.nowNanos, windowStart, List::size);
		mark(this.pools, families, look.nowNanos, windowStart, (members) -> poolsOf(members).size());
		this.previousSampleNanos = look.nowNanos;
	}

	private void mark(Map<String, ArrayDeque<long[]>> history, Map<String, List<Look.LiveThread>> families, long now,
			long windowStart, ToIntFunction<List<Look.LiveThread>> counter) {
		Set<String> seen = new HashSet<>(history.keySet());
		seen.addAll(families.keySet());
		for (String family : seen) {
			int count = counter.applyAsInt(families.getOrDefault(family, List.of()));
			ArrayDeque<long[]> marks = history.computeIfAbsent(family, (key) -> new ArrayDeque<>());
			if (marks.isEmpty() && this.previousSampleNanos >= 0) {
				marks.addLast(new long[] { this.previousSampleNanos, 0 });
			}
			marks.addLast(new long[] { now, count });
			while (marks.size() > 1 && marks.peekFirst()[0] < windowStart) {
				marks.pollFirst();
			}
			if (count == 0 && marks.stream().allMatch((mark) -> mark[1] == 0)) {
				history.remove(family);
			}
		}
	}

	@Override
	public void evaluate(Look look, SuspectCollector suspects) {
		int minIncrease = look.settings.threadGrowthMinIncrease();
		Map<String, List<Look.LiveThread>> families = byFamily(look.live);
		families.forEach((family, members) -> {
			long[] threadLow = lowest(this.threads.get(family));
			long[] poolLow = lowest(this.pools.get(family));
			boolean threadsGrew = threadLow != null && members.size() - threadLow[1] >= minIncrease;
			Set<String> poolIds = poolsOf(members);
			boolean poolsGrew = poolLow != null && poolIds.size() - poolLow[1] >= minIncrease;
			if (!threadsGrew && !poolsGrew) {
				return;
			}
			List<ThreadStack> stacks = new ArrayList<>(
					look.stacksOf(members.stream().mapToLong(Look.LiveThread::id).toArray()).values());
			if (threadsGrew) {
				addBlocked(look, family, stacks, threadLow, suspects);
			}
			if (poolsGrew) {
				addIdlePools(look, family, stacks, poolLow, poolIds.size(), suspects);
			}
		});
	}

	private void addBlocked(Look look, String family, List<ThreadStack> stacks, long[] low,
			SuspectCollector suspects) {
		List<ThreadStack> blocked = stacks.stream()
			.filter((stack) -> BlockingCalls.isBlocked(stack) && !IdleThreads.isIdle(stack, look.settings.idleFilters()))
			.toList();
		if (blocked.size() < look.settings.threadGrowthMinIncrease()) {
			return; // the new threads are working or idle by design: growth, not a leak
		}
		String note = "family " + family + " grew from " + low[1] + " to " + stacks.size() + " threads in "
				+ LeakDetector.seconds(look.nowNanos - low[0]) + "s";
		add(SuspectKind.THREAD_GROWTH, look, family, blocked, low, note, suspects);
	}

	private void addIdlePools(Look look, String family, List<ThreadStack> stacks, long[] low, int poolCount,
			SuspectCollector suspects) {
		List<ThreadStack> idle = stacks.stream()
			.filter((stack) -> IdleThreads.isIdle(stack, look.settings.idleFilters()))
			.toList();
		if (poolsOf(idle.stream().map((stack) -> new Look.LiveThread(stack.id(), stack.name())).toList())
			.size() < look.settings.threadGrowthMinIncrease()) {
			return;
		}
		String note = poolCount + " executors of " + family + " (from " + low[1] + " " + LeakDetector.seconds(
				look.nowNanos - low[0]) + "s ago) keep idle workers: created and never shut down";
		add(SuspectKind.EXECUTOR_GROWTH, look, family, idle, low, note, suspects);
	}

	private static void add(SuspectKind kind, Look look, String family, List<ThreadStack> threads, long[] low,
			String note, SuspectCollector suspects) {
		for (StackGroup group : StackGroups.group(threads, (stack) -> false)) {
			List<String> names = threads.stream()
				.filter((stack) -> stack.state() == group.state() && stack.frameLines().equals(group.stack()))
				.map(ThreadStack::name)
				.limit(MAX_NAMES)
				.toList();
			suspects.add(kind, family, null, group.count(), LeakDetector.seconds(look.nowNanos - low[0]),
					group.state(), names, group.stack(), List.of(), note);
		}
	}

	private static long[] lowest(ArrayDeque<long[]> marks) {
		if (marks == null || marks.isEmpty()) {
			return null;
		}
		long[] low = marks.peekFirst();
		for (long[] mark : marks) {
			if (mark[1] < low[1]) {
				low = mark;
			}
		}
		return low;
	}

	private static Map<String, List<Look.LiveThread>> byFamily(List<Look.LiveThread> live) {
		Map<String, List<Look.LiveThread>> families = new HashMap<>();
		for (Look.LiveThread thread : live) {
			families.computeIfAbsent(ThreadFamilies.familyOf(thread.name()), (key) -> new ArrayList<>()).add(thread);
		}
		return families;
	}

	/** The first run of digits of a name that has at least two runs, else {@code null}; a scan, no regex. */
	static String firstOfTwoNumbers(String name) {
		int start = -1;
		int end = -1;
		for (int i = 0; i < name.length(); i++) {
			boolean digit = Character.isDigit(name.charAt(i));
			if (digit && (i == 0 || !Character.isDigit(name.charAt(i - 1)))) {
				if (start >= 0) {
					return name.substring(start, end);
				}
				start = i;
			}
			if (digit) {
				end = i + 1;
			}
		}
		return null;
	}

	/** The pool numbers of a factory family: the first number of names with two or more ({@code pool-N-thread-M}). */
	private static Set<String> poolsOf(List<Look.LiveThread> members) {
		Set<String> pools = new HashSet<>();
		for (Look.LiveThread thread : members) {
			String pool = firstOfTwoNumbers(thread.name());
			if (pool != null) {
				pools.add(pool);
			}
		}
		return pools;
	}

}
