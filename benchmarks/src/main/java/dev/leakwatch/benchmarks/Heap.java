package dev.leakwatch.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Live heap, read after full collections until it stops moving. */
public final class Heap {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private static final long STABLE_BYTES = 4 * 1024;

	private Heap() {
	}

	/**
	 * Bytes used after {@code System.gc()} (a full, compacting collection with the JVM's
	 * default collectors), repeated until two readings agree within a few KB, so that
	 * objects freed late (reference processing, thread-local buffers) are gone.
	 */
	public static long settledUsed() {
		long previous = collect();
		for (int i = 0; i < 10; i++) {
			long used = collect();
			if (Math.abs(used - previous) <= STABLE_BYTES) {
				return Math.min(used, previous);
			}
			previous = used;
		}
		return previous;
	}

	private static long collect() {
		System.gc();
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

}
