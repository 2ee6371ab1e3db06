package dev.leakwatch.benchmarks;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One producer's bounded stream of tasks. The producer submits until {@link #MAX} of its
 * tasks are in flight, then parks until the workers have brought that down to
 * {@link #RESUME}; the last of those wakes it. The queue therefore never runs dry while
 * the producer sleeps (the pool stays busy, as a loaded service's would) and never grows
 * without bound (memory and GC stay flat, so the run measures the executor, not a
 * backlog). The producer is woken once per {@code MAX - RESUME} tasks, so the harness
 * costs nothing per task beyond one atomic decrement, the same for every contender. The
 * task object is this window, reused: the only per-task allocation is whatever the
 * executor under test makes.
 */
final class InFlightWindow implements Runnable {

	static final int MAX = 4096;

	static final int RESUME = 2048;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Thread producer = Thread.currentThread();

	private final long tokens;

	private volatile boolean waiting;

	InFlightWindow(long tokens) {
		this.tokens = tokens;
	}

	/**
	 * Submits one task, first waiting for room if the window is full. Called by the
	 * producer only.
	 */
	void submitTo(Executor executor) {
		if (this.inFlight.get() >= MAX) {
			// Dekker-style handshake with run(): a worker that brings the count to RESUME
			// after our read
			// below is ordered after our write of waiting, so it sees it and unparks us.
			this.waiting = true;
			while (this.inFlight.get() > RESUME) {
				LockSupport.park(this);
			}
			this.waiting = false;
		}
		this.inFlight.incrementAndGet();
		executor.execute(this);
	}

	@Override
	public void run() {
		Work.run(this.tokens);
		if (this.inFlight.decrementAndGet() == RESUME && this.waiting) {
			LockSupport.unpark(this.producer);
		}
	}

}
