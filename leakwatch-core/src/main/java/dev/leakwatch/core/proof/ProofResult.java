package dev.leakwatch.core.proof;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one heap proof found.
 *
 * @param timestamp when the heap was dumped
 * @param dumpTime how long the dump took; the JVM is paused for most of it
 * @param analysisTime how long the analysis took (it runs alongside the application)
 * @param heapUsedBytes the used heap just before the dump, garbage included
 * @param dumpBytes the size of the dump file
 * @param objects the objects in the dump (live objects only)
 * @param threads every thread that waited without a timeout ({@code WAITING},
 * {@code BLOCKED}), with its verdict; threads that run or wait with a timeout wake by
 * themselves and are not listed
 * @param leakedBytes the heap held only by the {@link Verdict#UNREACHABLE} threads (what
 * the leak costs), as the dump records it: field and element data, without object headers
 * @param leakedObjects the objects held only by the unreachable threads
 * @param notCovered what this proof could not judge, one sentence each; empty when it
 * covered everything
 */
public record ProofResult(Instant timestamp, Duration dumpTime, Duration analysisTime, long heapUsedBytes,
		long dumpBytes, int objects, List<ThreadVerdict> threads, long leakedBytes, int leakedObjects,
		List<String> notCovered) {

	public ProofResult {
		threads = List.copyOf(threads);
		notCovered = List.copyOf(notCovered);
	}

	/** The threads proven leaked. */
	public List<ThreadVerdict> leaked() {
		return this.threads.stream().filter((thread) -> thread.verdict() == Verdict.UNREACHABLE).toList();
	}

}
