package dev.leakwatch.core.proof;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.report.Suspect;

/**
 * The proof's verdicts on the threads one suspect names. A suspect knows its threads by
 * name only; names can repeat (two pools of one factory, a name given to every thread of
 * a kind), so where the proof judged more threads of a name than the suspect names, those
 * in the suspect's state and on its stack are taken, and a name that still matches
 * threads with different verdicts proves nothing either way.
 *
 * @param verdict {@link Verdict#UNREACHABLE} when every named thread is proven leaked,
 * {@link Verdict#REACHABLE} when one of them could still be woken, otherwise {@code null}
 * @param matched the judged threads the suspect names
 */
record SuspectThreads(Verdict verdict, List<ThreadVerdict> matched) {

	static SuspectThreads of(Suspect suspect, Map<String, List<ThreadVerdict>> byName) {
		Map<String, Integer> named = new LinkedHashMap<>();
		suspect.threads().forEach((name) -> named.merge(name, 1, Integer::sum));
		List<ThreadVerdict> matched = new ArrayList<>();
		boolean allUnreachable = !named.isEmpty();
		boolean anyReachable = false;
		for (Map.Entry<String, Integer> entry : named.entrySet()) {
			List<ThreadVerdict> threads = byName.getOrDefault(entry.getKey(), List.of());
			if (threads.size() > entry.getValue()) {
				threads = onTheSuspectsStack(threads, suspect);
			}
			boolean meantAll = threads.size() <= entry.getValue();
			long reachable = threads.stream().filter((thread) -> thread.verdict() == Verdict.REACHABLE).count();
			long unreachable = threads.stream().filter((thread) -> thread.verdict() == Verdict.UNREACHABLE).count();
			anyReachable |= (meantAll) ? reachable > 0 : reachable == threads.size();
			allUnreachable &= !threads.isEmpty() && unreachable == threads.size();
			matched.addAll(threads);
		}
		Verdict verdict = anyReachable ? Verdict.REACHABLE : allUnreachable ? Verdict.UNREACHABLE : null;
		return new SuspectThreads(verdict, List.copyOf(matched));
	}

	/**
	 * The threads in the suspect's state whose stack is the suspect's (cut to the shorter
	 * depth: the detector and the proof may keep different depths); all of them if none
	 * is, since some suspects show one thread's stack for several (a deadlock, a starved
	 * queue).
	 */
	private static List<ThreadVerdict> onTheSuspectsStack(List<ThreadVerdict> threads, Suspect suspect) {
		List<ThreadVerdict> same = threads.stream()
			.filter((thread) -> suspect.state() == null || suspect.state() == thread.state())
			.filter((thread) -> sameStack(thread.stack(), suspect.stack()))
			.toList();
		return same.isEmpty() ? threads : same;
	}

	private static boolean sameStack(List<String> one, List<String> other) {
		int depth = Math.min(one.size(), other.size());
		return depth > 0 && one.subList(0, depth).equals(other.subList(0, depth));
	}

}
