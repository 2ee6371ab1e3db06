package dev.leakwatch.benchmarks.proof;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;

import dev.leakwatch.core.proof.HeapProof;
import dev.leakwatch.core.proof.ProofResult;
import dev.leakwatch.core.proof.ProofSettings;

/**
 * What one heap proof costs at a given live heap: dump time (the JVM pauses), analysis
 * time and the peak heap the analysis needs, with a few leaked threads to find. A single
 * measurement per size, in a JVM of its own (see {@code benchmarks/run.sh --proof}): a
 * proof is an operator's request, not a hot path, so its cost is counted in seconds and
 * megabytes rather than JMH's nanoseconds.
 *
 * <p>
 * Usage:
 * {@code java -Xmx4g -cp benchmarks.jar dev.leakwatch.benchmarks.proof.ProofCost <live heap MB>}
 */
public final class ProofCost {

	/**
	 * Objects of about 64 bytes: a heap of many small objects is the costly case for the
	 * analysis.
	 */
	private static final int NODE_BYTES = 48;

	private static final int LEAKED_THREADS = 8;

	private ProofCost() {
	}

	public static void main(String[] args) throws Exception {
		int megabytes = Integer.parseInt(args[0]);
		List<byte[][]> retained = retain(megabytes);
		for (int i = 0; i < LEAKED_THREADS; i++) {
			Thread leaked = new Thread(() -> {
				try {
					new SynchronousQueue<String>().put("nobody takes it");
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "orphan-put-" + i);
			leaked.setDaemon(true);
			leaked.start();
		}
		Thread.sleep(200);
		System.gc();
		resetPeaks();
		HeapProof proof = new HeapProof(ProofSettings.defaults().withMaxHeapBytes(Runtime.getRuntime().maxMemory()));
		ProofResult result = proof.prove();
		System.out.printf(Locale.ROOT, "| %d MB | %d MB | %,d | %d ms | %,d ms | %d MB | %d of %d | %s |%n", megabytes,
				result.heapUsedBytes() >> 20, result.objects(), result.dumpTime().toMillis(),
				result.analysisTime().toMillis(), peakHeapBytes() >> 20, result.leaked().size(), LEAKED_THREADS,
				result.leaked().stream().allMatch((thread) -> thread.name().startsWith("orphan-put-")) ? "yes" : "NO");
		if (retained.isEmpty()) {
			throw new IllegalStateException("nothing retained");
		}
	}

	private static List<byte[][]> retain(int megabytes) {
		long bytes = (long) megabytes << 20;
		List<byte[][]> chunks = new ArrayList<>();
		int perChunk = 4096;
		for (long held = 0; held < bytes; held += (long) perChunk * (NODE_BYTES + 16)) {
			byte[][] chunk = new byte[perChunk][];
			for (int i = 0; i < perChunk; i++) {
				chunk[i] = new byte[NODE_BYTES];
			}
			chunks.add(chunk);
		}
		return chunks;
	}

	private static void resetPeaks() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long peakHeapBytes() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

}
