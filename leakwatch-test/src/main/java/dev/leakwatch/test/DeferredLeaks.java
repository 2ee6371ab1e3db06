package dev.leakwatch.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * Threads that a test method left running or in a timed wait after the settle: they may still end, so instead of
 * holding the suite up for {@code maxWait}, later tests of the class run meanwhile. Those still alive at their
 * deadline, {@code maxWait} after their test (seen at the end of the first test past it, or of the class), are
 * reported when the class ends, naming the test that started them.
 */
final class DeferredLeaks {

	private final List<Pending> pending = new ArrayList<>();

	private final List<Pending> leaked = new ArrayList<>();

	synchronized void add(String test, List<NewThread> threads, Duration maxWait, Duration waited) {
		this.pending.add(new Pending(test, threads, maxWait, System.nanoTime() + maxWait.minus(waited).toNanos()));
	}

	/** Looks at the threads whose deadline has passed: those still alive are leaks. */
	synchronized void confirmDue() {
		long now = System.nanoTime();
		for (Iterator<Pending> tests = this.pending.iterator(); tests.hasNext();) {
			Pending test = tests.next();
			if (test.deadline() - now <= 0) {
				confirm(test, ThreadCensus.stillAlive(test.threads()));
				tests.remove();
			}
		}
	}

	/** Waits for the remaining threads until their deadlines; the tests whose threads were alive then, with those. */
	synchronized List<Pending> leaked() throws InterruptedException {
		for (Pending test : this.pending) {
			confirm(test, LeakCheck.awaitEnd(test.threads(), test.deadline()));
		}
		this.pending.clear();
		return List.copyOf(this.leaked);
	}

	private void confirm(Pending test, List<NewThread> alive) {
		if (!alive.isEmpty()) {
			this.leaked.add(new Pending(test.test(), alive, test.maxWait(), test.deadline()));
		}
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
