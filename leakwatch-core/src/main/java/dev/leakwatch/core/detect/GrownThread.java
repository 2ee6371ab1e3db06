package dev.leakwatch.core.detect;

import dev.leakwatch.core.report.SuspectKind;

/**
 * A thread counted in a growth suspect: it stays one until it ends or leaves the wait it
 * was counted in.
 *
 * @param kind {@code THREAD_GROWTH} or {@code EXECUTOR_GROWTH}
 * @param family its name family
 * @param growthSinceNanos when the growth it was counted in began
 * @param episodeSinceNanos when the wait it was counted in began
 */
record GrownThread(SuspectKind kind, String family, long growthSinceNanos, long episodeSinceNanos) {
}
