package dev.leakwatch.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * Threads that a test method left running or in a timed wait after the settle: they may
 * still end, so instead of holding the suite up for {@code maxWait}, later tests of the
 * class run meanwhile. Those still alive at their deadline, {@code maxWait} after their
 * test (seen at the end of the first test past it, or of the class), are sorted by the
 * test's options again, now that where they were started is known, and reported when the
 * class ends, naming the test that started them.
 */
final class DeferredLeaks {

	private final List<Pending> pending = new ArrayList<>();

	private final List<Confirmed> confirmed = new ArrayList<>();

	synchronized void add(String test, List<NewThread> threads, LeakCheckOptions options, Duration waited) {
		this.pending
			.add(new Pending(test, threads, options, System.nanoTime() + options.maxWait().minus(waited).toNanos()));
	}

	/**
	 * Looks at the threads whose deadline has passed: those still alive are confirmed.
	 */
	synchronized void confirmDue() throws InterruptedException {
		long now = System.nanoTime();
		for (Iterator<Pending> tests = this.pending.iterator(); tests.hasNext();) {
			Pending test = tests.next();
			if (test.deadline() - now <= 0) {
				confirm(test, ThreadCensus.stillAlive(test.threads()));
				tests.remove();
			}
		}
	}

	/**
	 * Waits for the remaining threads until their deadlines; the tests whose threads were
	 * alive then, with those.
	 */
	synchronized List<Confirmed> confirmed() throws InterruptedException {
		for (Pending test : this.pending) {
			confirm(test, LeakCheck.awaitEnd(test.threads(), test.deadline()));
		}
		this.pending.clear();
		return List.copyOf(this.confirmed);
	}

	/**
	 * Sorts the threads still alive as the test's check would: a thread deferred before
	 * the start of it was delivered may have been started from an ignored site, or by a
	 * static initializer.
	 */
	private void confirm(Pending test, List<NewThread> alive) throws InterruptedException {
		CreatedBy.settle(alive);
		FoundThreads found = FoundThreads.sort(alive, test.options());
		if (!found.isEmpty()) {
			this.confirmed.add(new Confirmed(test.test(), test.options().maxWait(), found));
		}
	}

	/**
	 * A test's threads that may still end.
	 *
	 * @param test the test that started them
	 * @param threads the threads
	 * @param options the test's options
	 * @param deadline when {@code maxWait} is up, in {@link System#nanoTime()}
	 */
	private record Pending(String test, List<NewThread> threads, LeakCheckOptions options, long deadline) {
	}

	/**
	 * A test's threads alive at their deadline.
	 *
	 * @param test the test that started them
	 * @param maxWait how long they had
	 * @param threads those alive then, sorted
	 */
	record Confirmed(String test, Duration maxWait, FoundThreads threads) {
	}

}
