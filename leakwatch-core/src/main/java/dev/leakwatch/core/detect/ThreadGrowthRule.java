package dev.leakwatch.core.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.thread.BlockingCalls;

/**
 * Leaks of threads no bean owns, seen as growth of a name family against its
 * {@link GrowthMarks baseline}.
 * <ul>
 * <li>{@code THREAD_GROWTH}: more threads of a family than at its low, each waiting a
 * whole threshold without waking (or a {@code java.util.Timer}'s thread, idle by design
 * but one per Timer nobody cancelled): {@code new Thread(...)} or {@code new Timer()} per
 * call.</li>
 * <li>{@code EXECUTOR_GROWTH}: more executors of a family than at its low, their workers
 * idle: an executor per call, never shut down. Executors are told apart by the pool
 * number of {@code pool-N-thread-M}-like names, or by repeated names where each executor
 * numbers its own threads.</li>
 * </ul>
 * Only threads started after the first sample count. A thread counted in a suspect stays
 * one until it ends or leaves its wait, however long ago the growth was. A pool that
 * grows once to its size is one executor, and executors shut down per call leave no
 * threads: neither is ever a suspect.
 */
final class ThreadGrowthRule implements SuspectRule {

	private static final int MAX_NAMES = 20;

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		Map<String, List<ThreadTrack>> waiting = new HashMap<>();
		Map<String, List<ThreadTrack>> idleWorkers = new HashMap<>();
		for (ThreadTrack track : snapshot.threads().values()) {
			if (!history.startedSinceFirstSample(track.id())) {
				continue;
			}
			if (isWaitingThread(track, snapshot)) {
				waiting.computeIfAbsent(track.family(), (key) -> new ArrayList<>()).add(track);
			}
			else if (track.role() == ThreadRole.IDLE_WORKER) {
				idleWorkers.computeIfAbsent(track.family(), (key) -> new ArrayList<>()).add(track);
			}
		}
		Map<Long, GrownThread> members = new HashMap<>();
		history.grown().forEach((id, member) -> {
			ThreadTrack track = snapshot.threads().get(id);
			if (track != null && staysCounted(member, track)) {
				members.put(id, member);
			}
		});
		waiting.forEach((family, threads) -> grow(SuspectKind.THREAD_GROWTH, family, threads, threads.size(), snapshot,
				history, evaluation, members));
		idleWorkers.forEach((family, threads) -> grow(SuspectKind.EXECUTOR_GROWTH, family, threads,
				executorsOf(threads), snapshot, history, evaluation, members));
		evaluation.grown.putAll(members);
		report(members, snapshot, evaluation);
	}

	/**
	 * Marks {@code count}; when it rose past the low by the minimum increase, counts its
	 * newest threads.
	 */
	private static void grow(SuspectKind kind, String family, List<ThreadTrack> threads, long count, Snapshot snapshot,
			History history, Evaluation evaluation, Map<Long, GrownThread> members) {
		Evaluation.GrowthKey key = new Evaluation.GrowthKey(kind, family, null);
		evaluation.growthCounts.put(key, new long[] { count, threads.size() });
		GrowthMarks.Low low = history.growthLow(key);
		if (low == null || count - low.count() < snapshot.settings().threadGrowthMinIncrease()) {
			return;
		}
		evaluation.growthLows.put(key, low);
		// thread ids grow with creation: the oldest ones are those the family had at its
		// low
		List<ThreadTrack> newest = threads.stream()
			.sorted(Comparator.comparingLong(ThreadTrack::id))
			.skip(low.members())
			.toList();
		for (ThreadTrack track : newest) {
			members.putIfAbsent(track.id(), new GrownThread(kind, family, low.sinceNanos(), track.sinceNanos()));
		}
	}

	private static void report(Map<Long, GrownThread> members, Snapshot snapshot, Evaluation evaluation) {
		Map<Group, List<ThreadTrack>> groups = new HashMap<>();
		Map<Group, Long> since = new HashMap<>();
		members.forEach((id, member) -> {
			ThreadTrack track = snapshot.threads().get(id);
			if (track.read()) {
				Group group = new Group(member.kind(), member.family(), track.state(), track.frames(),
						snapshot.createdBy().apply(id));
				groups.computeIfAbsent(group, (key) -> new ArrayList<>()).add(track);
				since.merge(group, member.growthSinceNanos(), Math::min);
			}
		});
		groups.forEach((group, threads) -> {
			threads.sort(Comparator.comparingLong(ThreadTrack::id));
			long began = since.get(group);
			double age = LeakDetector.seconds(snapshot.nowNanos() - began);
			boolean executors = group.kind() == SuspectKind.EXECUTOR_GROWTH;
			int count = executors ? executorsOf(threads) : threads.size();
			Evaluation.GrowthKey key = new Evaluation.GrowthKey(group.kind(), group.family(), null);
			long low = evaluation.growthLows.containsKey(key) ? evaluation.growthLows.get(key).count() : 0;
			long now = evaluation.growthCounts.getOrDefault(key, new long[] { count })[0];
			String grew = group.family() + " grew from " + low + " to " + now;
			String note = executors
					? "executors of " + grew + " since " + age + "s ago (" + threads.size()
							+ " idle workers here): created and never shut down"
					: "family " + grew + " waiting threads since " + age + "s ago, each waiting without waking"
							+ (threads.get(0).timerThread()
									? "; each is the thread of a java.util.Timer nobody cancelled" : "");
			evaluation.suspects.add(Suspects.growth(group.kind(), group.family(), count, age, group.state(),
					threads.stream().map(ThreadTrack::name).limit(MAX_NAMES).toList(), Snapshot.lines(group.frames()),
					note, snapshot.createdByLines(threads)));
		});
	}

	/**
	 * A thread that waited a whole threshold without waking, and not on a lock it woke
	 * from before (a worker loop); or a Timer's thread, which waits by design, one per
	 * Timer.
	 */
	private static boolean isWaitingThread(ThreadTrack track, Snapshot snapshot) {
		if (track.timerThread()) {
			return true;
		}
		return track.role() == ThreadRole.THREAD && !track.loop()
				&& track.ageNanos(snapshot.nowNanos()) >= snapshot.thresholdNanos()
				&& BlockingCalls.isBlocked(track.stack());
	}

	private static boolean staysCounted(GrownThread member, ThreadTrack track) {
		if (member.kind() == SuspectKind.EXECUTOR_GROWTH) {
			return track.role() == ThreadRole.IDLE_WORKER
					|| (track.role() == ThreadRole.UNREAD && track.state() != Thread.State.RUNNABLE);
		}
		return track.timerThread() || track.sinceNanos() == member.episodeSinceNanos();
	}

	/**
	 * How many executors these workers of one family belong to: the distinct pool numbers
	 * of names with two numbers ({@code pool-N-thread-M}), or, where each executor
	 * numbers its own threads, how often one name repeats.
	 */
	static int executorsOf(List<ThreadTrack> workers) {
		Set<String> pools = new HashSet<>();
		Map<String, Integer> names = new HashMap<>();
		int repeated = 0;
		for (ThreadTrack worker : workers) {
			String pool = firstOfTwoNumbers(worker.name());
			if (pool != null) {
				pools.add(pool);
			}
			repeated = Math.max(repeated, names.merge(worker.name(), 1, Integer::sum));
		}
		return Math.max(pools.size(), repeated);
	}

	/**
	 * The first run of digits of a name that has at least two runs, else {@code null}; a
	 * scan, no regex.
	 */
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

	/**
	 * Threads of one family, state, stack and creation site: two call sites that leak are
	 * two suspects.
	 */
	private record Group(SuspectKind kind, String family, Thread.State state, List<StackTraceElement> frames,
			CreationSite site) {
	}

}
