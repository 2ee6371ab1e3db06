package dev.leakwatch.core.proof;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.leakwatch.core.detect.DetectorSettings;

/**
 * How a {@link HeapProof} dumps and analyses.
 *
 * @param directory where the private dump directory is created (the JVM's temporary
 * directory by default)
 * @param maxHeapBytes the most used heap a proof accepts; above it, a proof is refused
 * before dumping
 * @param timeout how long a proof may take, dump and analysis together, before it is
 * abandoned
 * @param stackDepth how many frames each reported thread stack keeps
 */
public record ProofSettings(Path directory, long maxHeapBytes, Duration timeout, int stackDepth) {

	/** 1 GiB of used heap. */
	public static final long DEFAULT_MAX_HEAP_BYTES = 1L << 30;

	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	/** The detector's, so that a proof's stacks are as deep as the report's. */
	public static final int DEFAULT_STACK_DEPTH = DetectorSettings.DEFAULT_STACK_DEPTH;

	public ProofSettings {
		Objects.requireNonNull(directory, "directory");
		if (maxHeapBytes < 1) {
			throw new IllegalArgumentException("maxHeapBytes must be at least 1, was " + maxHeapBytes);
		}
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		if (stackDepth < 1) {
			throw new IllegalArgumentException("stackDepth must be at least 1, was " + stackDepth);
		}
	}

	public static ProofSettings defaults() {
		return new ProofSettings(Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_MAX_HEAP_BYTES, DEFAULT_TIMEOUT,
				DEFAULT_STACK_DEPTH);
	}

	public ProofSettings withDirectory(Path directory) {
		return new ProofSettings(directory, this.maxHeapBytes, this.timeout, this.stackDepth);
	}

	public ProofSettings withMaxHeapBytes(long maxHeapBytes) {
		return new ProofSettings(this.directory, maxHeapBytes, this.timeout, this.stackDepth);
	}

	public ProofSettings withTimeout(Duration timeout) {
		return new ProofSettings(this.directory, this.maxHeapBytes, timeout, this.stackDepth);
	}

	public ProofSettings withStackDepth(int stackDepth) {
		return new ProofSettings(this.directory, this.maxHeapBytes, this.timeout, stackDepth);
	}

}
