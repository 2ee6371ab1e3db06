package dev.leakwatch.test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * Validated options of one check.
 *
 * @param mode when threads are compared
 * @param expected the defaults followed by the user's filters
 * @param maxWait how long threads started by the test get to finish before they are reported
 */
record LeakCheckOptions(CheckMode mode, List<IdleThreadFilter> expected, Duration maxWait) {

	LeakCheckOptions {
		Objects.requireNonNull(mode, "mode");
		expected = List.copyOf(expected);
		Objects.requireNonNull(maxWait, "maxWait");
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
		}
	}

	static LeakCheckOptions of(VerifyNoLeakedThreads annotation) {
		NoLeakedThreadsExtension.Builder builder = NoLeakedThreadsExtension.builder()
			.mode(annotation.mode())
			.ignoreThreadNames(annotation.ignoreThreadNames())
			.ignoreFrames(annotation.ignoreFrames())
			.ignoreTopFrames(annotation.ignoreTopFrames())
			.ignoreCreatedBy(annotation.ignoreCreatedBy())
			.maxWait(Duration.ofMillis(annotation.maxWaitMillis()));
		return builder.options();
	}

	Predicate<ThreadStack> isExpected() {
		return (thread) -> IdleThreads.isIdle(thread, this.expected);
	}

}
