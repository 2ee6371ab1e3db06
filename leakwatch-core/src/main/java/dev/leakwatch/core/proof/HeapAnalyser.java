package dev.leakwatch.core.proof;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.thread.ThreadStack;

/**
 * Judges the waiting threads of a heap dump; {@link SharkHeapAnalyser} is the one that
 * reads dumps.
 */
@FunctionalInterface
interface HeapAnalyser {

	/**
	 * @param dump the heap dump
	 * @param stacks the thread MXBean's view of each platform thread just before the
	 * dump, by thread id: stacks and the class of the monitor a thread waits on, which a
	 * dump does not record
	 * @param deadline checked often; throws {@link ProofTimeoutException} when it has
	 * passed
	 */
	HeapAnalysis analyse(Path dump, Map<Long, ThreadStack> stacks, Deadline deadline) throws IOException;

	/**
	 * What an analysis found; see {@link ProofResult} for each part.
	 */
	record HeapAnalysis(int objects, List<ThreadVerdict> threads, long leakedBytes, int leakedObjects,
			List<String> notCovered) {
	}

}
