package dev.leakwatch.autoconfigure.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.leakwatch.core.proof.ProofResult;
import dev.leakwatch.core.proof.ThreadVerdict;

import org.jspecify.annotations.Nullable;

/**
 * What a heap proof found, in the JSON report of {@code /actuator/leaks?proof=true}: its
 * cost (the dump pauses the JVM), the heap the leaked threads alone hold, and a verdict
 * per thread waiting without a timeout.
 */
public record ProofDescriptor(Instant timestamp, long dumpMillis, long analysisMillis, long heapUsedBytes,
		long dumpBytes, int objects, long leakedBytes, int leakedObjects, List<Verdict> threads,
		List<String> notCovered) {

	static ProofDescriptor of(ProofResult proof) {
		return new ProofDescriptor(proof.timestamp(), proof.dumpTime().toMillis(), proof.analysisTime().toMillis(),
				proof.heapUsedBytes(), proof.dumpBytes(), proof.objects(), proof.leakedBytes(), proof.leakedObjects(),
				LeaksDescriptor.map(proof.threads(), Verdict::of), proof.notCovered());
	}

	/**
	 * One thread's verdict: {@code unreachable} (proven leaked), {@code reachable} or
	 * {@code unknown}.
	 */
	public record Verdict(String name, Thread.State state, boolean virtual, String verdict, @Nullable String blocker) {

		static Verdict of(ThreadVerdict thread) {
			return new Verdict(thread.name(), thread.state(), thread.virtual(),
					thread.verdict().name().toLowerCase(Locale.ROOT), thread.blocker());
		}

	}

}
