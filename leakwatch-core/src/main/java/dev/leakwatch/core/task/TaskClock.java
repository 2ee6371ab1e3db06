package dev.leakwatch.core.task;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import dev.leakwatch.core.thread.IdleThreads;

/**
 * The clock tracked tasks read when they are submitted and when they start:
 * {@link System#nanoTime()} values, taken from a field that one daemon thread refreshes
 * every {@link #TICK}, rather than from the OS once per task. Two clock reads were most
 * of what tracking added to a short task (about 50 ns of 70). Ages are judged in seconds,
 * so a tick's resolution loses nothing; a recorded time is behind by up to a tick (or as
 * long as the OS keeps the thread from running), so an age read against
 * {@code System.nanoTime()} is over by as much, never under. The tick is a trade: a
 * parked thread's wake-up cost 47-69 µs of CPU on the KVM guest the benchmarks ran on, so
 * 10 ms ticks took 0.5% of a core there whether or not tasks ran; 100 ms ticks take
 * 0.07%, which the clock reads saved pay back from about 14,000 tasks a second.
 * <p>
 * The thread ({@value IdleThreads#CLOCK_THREAD_NAME} for the {@link #SHARED} clock) runs
 * while at least one holder, an open {@link TaskTracker}, needs it: one per JVM whatever
 * the number of trackers. With no holder a read is a plain {@code System.nanoTime()}.
 */
final class TaskClock {

	/** How often the time is refreshed. */
	static final Duration TICK = Duration.ofMillis(100);

	/** The clock every tracker reads. */
	static final TaskClock SHARED = new TaskClock(IdleThreads.CLOCK_THREAD_NAME);

	private static final long TICK_NANOS = TICK.toNanos();

	private final String threadName;

	/** {@link #now} while no thread ticks: reads take {@code System.nanoTime()}. */
	private static final long STOPPED = Long.MIN_VALUE;

	private final Object lock = new Object();

	/**
	 * The time of the last tick, or {@link #STOPPED}: one field, so a task's read is one
	 * load; written under the lock, so the last tick cannot land after a stop.
	 */
	private volatile long now = STOPPED;

	private int holders; // guarded by lock

	private Thread ticker; // guarded by lock

	TaskClock(String threadName) {
		this.threadName = threadName;
	}

	long nanoTime() {
		long now = this.now;
		return (now != STOPPED) ? now : System.nanoTime();
	}

	/**
	 * Starts the ticking thread unless another holder already did. A thread that cannot
	 * be started (the JVM out of native threads) leaves the clock precise rather than
	 * frozen.
	 */
	void hold() {
		synchronized (this.lock) {
			if (this.holders++ > 0) {
				return;
			}
			this.now = System.nanoTime();
			if (this.ticker == null) { // else the last one has not seen it stop yet, and
										// goes on
				Thread thread = new Thread(this::tick, this.threadName);
				thread.setDaemon(true);
				try {
					thread.start();
				}
				catch (OutOfMemoryError ex) {
					this.now = STOPPED;
					return;
				}
				this.ticker = thread;
			}
		}
	}

	/** Stops the ticking thread once its last holder lets go. */
	void release() {
		synchronized (this.lock) {
			if (this.holders == 0) {
				throw new IllegalStateException("The task clock is not held");
			}
			if (--this.holders == 0) {
				this.now = STOPPED;
				LockSupport.unpark(this.ticker);
			}
		}
	}

	private void tick() {
		while (true) {
			synchronized (this.lock) {
				if (this.now == STOPPED) {
					this.ticker = null;
					return;
				}
				this.now = System.nanoTime();
			}
			// an interrupt would make every park return at once: the clock stops only
			// when released
			Thread.interrupted();
			LockSupport.parkNanos(TICK_NANOS);
		}
	}

}
