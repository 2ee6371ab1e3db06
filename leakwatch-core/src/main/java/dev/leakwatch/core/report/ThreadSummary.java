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
 */
public record ThreadSummary(int live, int daemon, int peak, List<FamilyCount> families) {
}
