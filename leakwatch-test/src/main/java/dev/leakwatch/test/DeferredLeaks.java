package dev.leakwatch.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * Threads that a test method left running or in a timed wait after the settle: they may still end, so instead of
 * holding the suite up for {@code maxWait}, later tests of the class run meanwhile, and the threads still alive
 * {@code maxWait} after their test are reported when the class ends, naming the test that started them.
 */
final class DeferredLeaks {

	private final List<Pending> pending = new ArrayList<>();

	synchronized void add(String test, List<NewThread> threads, Duration maxWait, Duration waited) {
		this.pending.add(new Pending(test, threads, maxWait, System.nanoTime() + maxWait.minus(waited).toNanos()));
	}

	/** Waits for each test's threads until its deadline; the tests whose threads are still alive, with those. */
	synchronized List<Pending> stillAlive() throws InterruptedException {
		List<Pending> leaked = new ArrayList<>();
		for (Pending test : this.pending) {
			List<NewThread> alive = LeakCheck.awaitEnd(test.threads(), test.deadline());
			if (!alive.isEmpty()) {
				leaked.add(new Pending(test.test(), alive, test.maxWait(), test.deadline()));
			}
		}
		this.pending.clear();
		return leaked;
	}

	/**
	 * A test's threads that may still end.
	 *
	 * @param test the test that started them
	 * @param threads the threads
	 * @param maxWait how long they get after the test
	 * @param deadline when that is up, in {@link System#nanoTime()}
	 */
	record Pending(String test, List<NewThread> threads, Duration maxWait, long deadline) {
	}

}
