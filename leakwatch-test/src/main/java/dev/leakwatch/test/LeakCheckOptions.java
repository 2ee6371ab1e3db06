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
 * @param expected the defaults, then the filters libraries ship, then the user's filters
 * @param staticInitializerThreads what becomes of threads started by a static initializer
 * @param settle how long threads that are all in an untimed wait get before they are
 * reported, at most {@code maxWait}
 * @param maxWait how long threads started by the test get to finish while one of them is
 * running, blocked or in a timed wait
 */
record LeakCheckOptions(CheckMode mode, List<IdleThreadFilter> expected,
		StaticInitializerThreads staticInitializerThreads, Duration settle, Duration maxWait) {

	LeakCheckOptions {
		Objects.requireNonNull(mode, "mode");
		expected = List.copyOf(expected);
		Objects.requireNonNull(staticInitializerThreads, "staticInitializerThreads");
		requireNotNegative(settle, "settle");
		requireNotNegative(maxWait, "maxWait");
		settle = (settle.compareTo(maxWait) > 0) ? maxWait : settle;
	}

	static Duration requireNotNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + duration);
		}
		return duration;
	}

	static LeakCheckOptions of(VerifyNoLeakedThreads annotation) {
		NoLeakedThreadsExtension.Builder builder = NoLeakedThreadsExtension.builder()
			.mode(annotation.mode())
			.ignoreThreadNames(annotation.ignoreThreadNames())
			.ignoreFrames(annotation.ignoreFrames())
			.ignoreTopFrames(annotation.ignoreTopFrames())
			.settle(Duration.ofMillis(annotation.settleMillis()))
			.ignoreCreatedBy(annotation.ignoreCreatedBy())
			.staticInitializerThreads(annotation.staticInitializerThreads())
			.maxWait(Duration.ofMillis(annotation.maxWaitMillis()));
		return builder.options();
	}

	Predicate<ThreadStack> isExpected() {
		return (thread) -> IdleThreads.isIdle(thread, this.expected);
	}

}
