package dev.leakwatch.core.proof;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.proof.HeapAnalyser.HeapAnalysis;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * Turns a finished {@link Marking} into a {@link HeapAnalysis}: a verdict per waiting
 * thread, and what it missed.
 */
final class AnalysisResults {

	/** How many thread names a sentence of {@link ProofResult#notCovered()} lists. */
	private static final int NAMES_LISTED = 5;

	private AnalysisResults() {
	}

	/**
	 * @param threads the dump's threads, marked
	 * @param unlistedVirtual virtual threads alive in the heap whose stacks the dump does
	 * not hold
	 * @param stacks the thread MXBean's view of each platform thread just before the
	 * dump, by thread id
	 */
	static HeapAnalysis of(int objects, Collection<DumpThread> threads, int unlistedVirtual,
			Map<Long, ThreadStack> stacks, Marking marking) {
		List<DumpThread> judged = threads.stream()
			.filter(DumpThread::waitsForever)
			.sorted((a, b) -> Integer.compare(a.serial, b.serial))
			.toList();
		List<String> notCovered = new ArrayList<>();
		if (unlistedVirtual > 0) {
			notCovered.add(unlistedVirtual + " virtual threads are missing from the dump's threads (this JDK does"
					+ " not dump the stacks of unmounted virtual threads): one of them might wake a waiting thread,"
					+ " so no thread is proven leaked");
		}
		List<ThreadVerdict> verdicts = new ArrayList<>(judged.size());
		List<String> unknown = new ArrayList<>();
		boolean anyVirtual = false;
		for (DumpThread thread : judged) {
			Verdict verdict = (!thread.candidate || (!thread.woken && unlistedVirtual > 0)) ? Verdict.UNKNOWN
					: thread.woken ? Verdict.REACHABLE : Verdict.UNREACHABLE;
			if (!thread.candidate) {
				unknown.add(thread.name);
			}
			anyVirtual |= thread.virtual;
			ThreadStack stack = thread.virtual ? null : stacks.get(thread.id);
			verdicts.add(new ThreadVerdict(thread.id, thread.name, thread.state, thread.virtual, verdict,
					thread.blocker, (stack != null) ? stack.frameLines() : List.of()));
		}
		if (!unknown.isEmpty()) {
			notCovered.add(unknown.size() + " threads wait without a timeout on nothing the dump names"
					+ " (LockSupport.park() without a blocker, or a monitor not found in their frames) and count as"
					+ " live: " + listed(unknown));
		}
		if (anyVirtual) {
			notCovered.add("virtual threads are judged from the dump, but their stacks are not reported");
		}
		return new HeapAnalysis(objects, verdicts, marking.leakedBytes(), marking.leakedObjects(), notCovered);
	}

	private static String listed(List<String> names) {
		String shown = String.join(", ", names.subList(0, Math.min(NAMES_LISTED, names.size())));
		return (names.size() > NAMES_LISTED) ? shown + ", ..." : shown;
	}

}
