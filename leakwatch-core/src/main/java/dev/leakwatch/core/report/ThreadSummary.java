package dev.leakwatch.core.report;

import java.util.List;

import dev.leakwatch.core.thread.FamilyCount;

/**
 * Live platform threads.
 *
 * @param live threads alive
 * @param daemon of which daemon threads
 * @param peak the most alive at once since the JVM started
 * @param families the largest name families, then {@code other}
 * @param virtual live virtual threads, or {@code null} when they were not read
 */
public record ThreadSummary(int live, int daemon, int peak, List<FamilyCount> families, Integer virtual) {

	/** Platform threads only. */
	public ThreadSummary(int live, int daemon, int peak, List<FamilyCount> families) {
		this(live, daemon, peak, families, null);
	}

}
