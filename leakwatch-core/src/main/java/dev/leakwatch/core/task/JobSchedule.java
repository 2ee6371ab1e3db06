package dev.leakwatch.core.task;

import java.util.concurrent.TimeUnit;

/**
 * When a scheduled task's runs are due, so that a late start (every scheduler thread was
 * busy) and a run longer than its period can be told. Times are {@link System#nanoTime()}
 * values.
 */
public interface JobSchedule {

	/** When the first run is due. */
	long firstDue();

	/**
	 * When the run after one is due.
	 * @param due when the finished run was due
	 * @param start when it started
	 * @param end when it ended
	 * @return when the next run is due, or {@link Long#MAX_VALUE} if there is none
	 */
	long nextDue(long due, long start, long end);

	/**
	 * The time between runs, for telling overruns and missed runs, or 0 where runs have
	 * no fixed period.
	 */
	long periodNanos();

	/** Whether it runs more than once. */
	default boolean periodic() {
		return true;
	}

	/** Runs every {@code period} from the first, as {@code scheduleAtFixedRate} does. */
	static JobSchedule fixedRate(long initialDelay, long period, TimeUnit unit) {
		long first = System.nanoTime() + unit.toNanos(initialDelay);
		long periodNanos = unit.toNanos(period);
		return new Fixed(first, periodNanos, true);
	}

	/**
	 * Runs {@code delay} after the previous run ended, as {@code scheduleWithFixedDelay}
	 * does.
	 */
	static JobSchedule fixedDelay(long initialDelay, long delay, TimeUnit unit) {
		long first = System.nanoTime() + unit.toNanos(initialDelay);
		return new Fixed(first, unit.toNanos(delay), false);
	}

	/** Runs once, after {@code delay}. */
	static JobSchedule once(long delay, TimeUnit unit) {
		long first = System.nanoTime() + unit.toNanos(delay);
		return new JobSchedule() {

			@Override
			public long firstDue() {
				return first;
			}

			@Override
			public long nextDue(long due, long start, long end) {
				return Long.MAX_VALUE;
			}

			@Override
			public long periodNanos() {
				return 0;
			}

			@Override
			public boolean periodic() {
				return false;
			}

		};
	}

	/** A fixed rate or a fixed delay. */
	record Fixed(long firstDue, long periodNanos, boolean rate) implements JobSchedule {

		@Override
		public long nextDue(long due, long start, long end) {
			return this.rate ? due + this.periodNanos : end + this.periodNanos;
		}

	}

}
