package dev.leakwatch.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.test.ThreadCensus.NewThread;

/** One comparison against a baseline, retried with exponential backoff so that finishing threads are not blamed. */
final class LeakCheck {

	/** The first pause before looking again. */
	static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(1);

	/** The longest pause between two looks, so a thread that ends is seen ending within this. */
	static final Duration MAX_RETRY_DELAY = Duration.ofMillis(100);

	private LeakCheck() {
	}

	/** The threads still alive once {@code options.maxWait()} is up, or none as soon as none is. */
	static List<NewThread> leakedThreads(Baseline baseline, LeakCheckOptions options) throws InterruptedException {
		long deadline = System.nanoTime() + options.maxWait().toNanos();
		long delay = FIRST_RETRY_DELAY.toNanos();
		while (true) {
			List<NewThread> leaked = ThreadCensus.newThreads(baseline, options.isExpected());
			long left = deadline - System.nanoTime();
			if (leaked.isEmpty()) {
				return leaked;
			}
			if (left <= 0) {
				// threads expected by where they were created may just not be known yet
				return CreatedBy.settle(leaked) ? ThreadCensus.newThreads(baseline, options.isExpected()) : leaked;
			}
			TimeUnit.NANOSECONDS.sleep(Math.min(delay, left));
			delay = Math.min(delay * 2, MAX_RETRY_DELAY.toNanos());
		}
	}

	/** Fails with the grouped leaked threads if any are still alive after the grace period. */
	static void verify(Baseline baseline, LeakCheckOptions options, String where) throws InterruptedException {
		List<NewThread> leaked = leakedThreads(baseline, options);
		if (!leaked.isEmpty()) {
			throw new AssertionError(LeakMessage.format(where, options.maxWait(), leaked));
		}
	}

}
