package dev.leakwatch.core.proof;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.thread.ThreadStack;
import shark.CloseableHeapGraph;
import shark.GcRoot;
import shark.HprofHeapGraph;
import shark.HprofRecordTag;
import shark.ThrowingCancelableFileSourceProvider;

/**
 * Judges the waiting threads of a heap dump with LeakCanary's Shark; it and the
 * package-private classes it uses are the only ones of leakwatch that load Shark (and so
 * Kotlin).
 * <p>
 * The marking follows Go's {@code goroutineleak} design. A thread that waits without a
 * timeout on something the dump names (its park blocker, or the monitor it waits for) is
 * a <em>candidate</em>; every other thread is live. Roots are all GC roots except a
 * candidate's stack frames and its {@code Thread} object. Marking follows every strong,
 * soft and weak reference (live code could still {@code get()} a weak referent), but not
 * phantom referents, which nobody can get. A candidate's {@code Thread} object, when
 * something reaches it (JDK 17 keeps every thread in its {@code ThreadGroup}, a pool
 * keeps its workers), is marked but not followed: what only the waiting thread holds, its
 * task, its thread locals and its park blocker, cannot wake it. Nor can what only
 * leakwatch's bookkeeping holds ({@link LeakwatchBookkeeping}): it is marked but not
 * followed. When a candidate's blocker gets marked, something live can reach it, so the
 * candidate could still be woken: its frames and its {@code Thread} object become roots
 * too. This repeats until nothing changes; the candidates left are proven leaked.
 * <p>
 * The work is split by concern: {@link DumpThreads} reads the threads and their states,
 * {@link Blockers} finds what each waits on, {@link Marking} walks the references
 * ({@link Walk} over {@link References}) and {@link AnalysisResults} gives each waiting
 * thread its verdict.
 */
final class SharkHeapAnalyser implements HeapAnalyser {

	@Override
	public HeapAnalysis analyse(Path dump, Map<Long, ThreadStack> stacks, Deadline deadline) throws IOException {
		ThrowingCancelableFileSourceProvider source = new ThrowingCancelableFileSourceProvider(dump.toFile(),
				deadline::check);
		try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(source, null,
				HprofRecordTag.Companion.getRootTags())) {
			return analyse(graph, stacks, deadline);
		}
	}

	private static HeapAnalysis analyse(CloseableHeapGraph graph, Map<Long, ThreadStack> stacks, Deadline deadline) {
		References references = new References(graph, deadline);
		DumpThreads reader = new DumpThreads(graph);
		List<GcRoot> roots = graph.getGcRoots();
		Map<Integer, DumpThread> threads = reader.read(roots);
		Blockers blockers = new Blockers(graph, stacks);
		threads.values().forEach(blockers::find);
		Marking marking = new Marking(graph, references);
		marking.mark(threads.values(), liveRoots(roots, threads));
		BitSet listed = new BitSet();
		threads.values().forEach((thread) -> listed.set(references.keyOf(thread.object)));
		return AnalysisResults.of(references.objectCount(), threads.values(),
				reader.unlistedVirtualThreads(listed, references), stacks, marking);
	}

	/**
	 * The ids of the GC roots that are not a candidate's own: its frames and its thread
	 * object.
	 */
	private static long[] liveRoots(List<GcRoot> roots, Map<Integer, DumpThread> threads) {
		return roots.stream().filter((root) -> {
			DumpThread owner = threads.get(DumpThreads.threadSerialOf(root));
			return owner == null || !owner.candidate;
		}).mapToLong(GcRoot::getId).toArray();
	}

}
