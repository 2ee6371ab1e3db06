package dev.leakwatch.test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * One comparison against a baseline, retried with exponential backoff so that finishing
 * threads are not blamed. How long it retries depends on what the new threads are doing:
 * a thread in an untimed wait ({@code WAITING}) cannot end by itself, so once every new
 * thread has stayed in one for {@link #QUIET} (none woke up, none was interrupted) they
 * are reported, and at the latest after the settle; while one is running, blocked on a
 * monitor or in a timed wait, it may still end (or wake the others), so the check waits
 * up to the longer deadline.
 */
final class LeakCheck {

	/** The first pause before looking again. */
	static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(1);

	/**
	 * The longest pause between two looks, so a thread that ends is seen ending within
	 * this.
	 */
	static final Duration MAX_RETRY_DELAY = Duration.ofMillis(100);

	/**
	 * How long threads in an untimed wait must stay there, not woken and not interrupted,
	 * to be known stuck before the settle is up: long enough for a thread that was just
	 * unparked or notified to be scheduled on a busy machine, so that it has left its
	 * wait (its wait count changes, or it ends).
	 */
	static final Duration QUIET = Duration.ofMillis(200);

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
		Map<Long, Long> stuckWaits = null;
		long stuckSince = start;
		while (true) {
			FoundThreads found = FoundThreads.sort(ThreadCensus.newThreads(baseline), options);
			long now = System.nanoTime();
			long elapsed = now - start;
			if (found.leaked().isEmpty()) {
				return new Outcome(found, Duration.ofNanos(elapsed), false);
			}
			boolean stuck = found.leaked().stream().allMatch(LeakCheck::inUntimedWait);
			Map<Long, Long> waits = stuck ? countedWaits(found.leaked()) : null;
			if (waits == null || !waits.equals(stuckWaits)) {
				stuckWaits = waits;
				stuckSince = now;
			}
			boolean quiet = waits != null && now - stuckSince >= QUIET.toNanos();
			boolean settled = stuck && (quiet || elapsed >= settle);
			// threads expected or set apart by where they were created may not have been
			// known a moment ago: waiting for that is for an outcome reported now, never
			// for one the caller defers (its threads' deadline keeps running, and their
			// confirmation sorts them again)
			boolean reportedNow = settled || elapsed >= options.maxWait().toNanos();
			if (reportedNow && CreatedBy.settle(found.leaked())) {
				found = FoundThreads.sort(ThreadCensus.newThreads(baseline), options);
				if (found.leaked().isEmpty()) {
					return new Outcome(found, Duration.ofNanos(System.nanoTime() - start), false);
				}
			}
			if (settled) {
				return new Outcome(found, Duration.ofMillis(Math.min(elapsed, settle) / 1_000_000), true);
			}
			// threads that are all in an untimed wait get their quiet look or the settle,
			// even where the caller would defer threads that may still end sooner
			if (elapsed >= maxWait && !(stuck && elapsed < settle)) {
				return new Outcome(found, Duration.ofNanos(maxWait), false);
			}
			long left = (stuck ? Math.min(settle, stuckSince - start + QUIET.toNanos()) : maxWait) - elapsed;
			TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(delay, left)));
			delay = Math.min(delay * 2, MAX_RETRY_DELAY.toNanos());
		}
	}

	/**
	 * How many waits each of {@code threads} has entered, by id; {@code null} when one is
	 * not counted (a virtual thread) or was interrupted, so may be leaving its wait.
	 */
	private static Map<Long, Long> countedWaits(List<NewThread> threads) {
		Map<Long, Long> waits = new HashMap<>();
		for (NewThread thread : threads) {
			if (thread.waits() == NewThread.UNCOUNTED || thread.interrupted()) {
				return null;
			}
			waits.put(thread.stack().id(), thread.waits());
		}
		return waits;
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
	 * @param waited how long they were given: until all of them had stayed in an untimed
	 * wait for {@link #QUIET} or the settle was up, else the deadline
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
