package dev.leakwatch.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * One comparison against a baseline, retried with exponential backoff so that finishing
 * threads are not blamed. How long it retries depends on what the new threads are doing:
 * a thread in an untimed wait ({@code WAITING}) cannot end by itself, so once every new
 * thread is in one, they are reported after the short settle; while one is running,
 * blocked on a monitor or in a timed wait, it may still end (or wake the others), so the
 * check waits up to the longer deadline.
 */
final class LeakCheck {

	/** The first pause before looking again. */
	static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(1);

	/**
	 * The longest pause between two looks, so a thread that ends is seen ending within
	 * this.
	 */
	static final Duration MAX_RETRY_DELAY = Duration.ofMillis(100);

	private LeakCheck() {
	}

	/**
	 * The threads still alive once they have had their time, or none as soon as none is.
	 */
	static Outcome leakedThreads(Baseline baseline, LeakCheckOptions options) throws InterruptedException {
		return leakedThreads(baseline, options, options.maxWait());
	}

	/**
	 * Like {@link #leakedThreads(Baseline, LeakCheckOptions)}, giving threads that may
	 * still end at most {@code limit} instead of {@code maxWait}.
	 */
	static Outcome leakedThreads(Baseline baseline, LeakCheckOptions options, Duration limit)
			throws InterruptedException {
		long start = System.nanoTime();
		long settle = options.settle().toNanos();
		long maxWait = Math.min(limit.toNanos(), options.maxWait().toNanos());
		long delay = FIRST_RETRY_DELAY.toNanos();
		while (true) {
			FoundThreads found = FoundThreads.sort(ThreadCensus.newThreads(baseline), options);
			long elapsed = System.nanoTime() - start;
			if (found.leaked().isEmpty()) {
				return new Outcome(found, Duration.ofNanos(elapsed), false);
			}
			boolean stuck = found.leaked().stream().allMatch(LeakCheck::inUntimedWait);
			boolean settled = stuck && elapsed >= settle;
			// threads expected or set apart by where they were created may not have been
			// known a moment ago:
			// waiting for that is for an outcome reported now, never for one the caller
			// defers (its threads'
			// deadline keeps running, and their confirmation sorts them again)
			boolean reportedNow = settled || elapsed >= options.maxWait().toNanos();
			if (reportedNow && CreatedBy.settle(found.leaked())) {
				found = FoundThreads.sort(ThreadCensus.newThreads(baseline), options);
				if (found.leaked().isEmpty()) {
					return new Outcome(found, Duration.ofNanos(System.nanoTime() - start), false);
				}
			}
			if (settled) {
				return new Outcome(found, options.settle(), true);
			}
			if (elapsed >= maxWait) {
				return new Outcome(found, Duration.ofNanos(maxWait), false);
			}
			long left = (stuck ? settle : maxWait) - elapsed;
			TimeUnit.NANOSECONDS.sleep(Math.min(delay, left));
			delay = Math.min(delay * 2, MAX_RETRY_DELAY.toNanos());
		}
	}

	/**
	 * The platform threads of {@code threads} still alive at {@code deadline} (nanoTime),
	 * or none once none is.
	 */
	static List<NewThread> awaitEnd(List<NewThread> threads, long deadline) throws InterruptedException {
		long delay = FIRST_RETRY_DELAY.toNanos();
		while (true) {
			List<NewThread> alive = ThreadCensus.stillAlive(threads);
			long left = deadline - System.nanoTime();
			if (alive.isEmpty() || left <= 0) {
				return alive;
			}
			TimeUnit.NANOSECONDS.sleep(Math.min(delay, left));
			delay = Math.min(delay * 2, MAX_RETRY_DELAY.toNanos());
		}
	}

	private static boolean inUntimedWait(NewThread thread) {
		return thread.stack().state() == Thread.State.WAITING;
	}

	/**
	 * What a check found.
	 *
	 * @param threads the threads still alive, sorted: none leaked for a clean test
	 * @param waited how long they were given: the settle when all of them were in an
	 * untimed wait, else the deadline
	 * @param stuck whether all of the leaked threads are in an untimed wait, so none can
	 * end by itself
	 */
	record Outcome(FoundThreads threads, Duration waited, boolean stuck) {

		List<NewThread> leaked() {
			return this.threads.leaked();
		}

		boolean isClean() {
			return this.threads.leaked().isEmpty();
		}

	}

}
