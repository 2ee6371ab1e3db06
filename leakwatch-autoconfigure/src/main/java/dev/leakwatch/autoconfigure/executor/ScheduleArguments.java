package dev.leakwatch.autoconfigure.executor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.core.task.JobSchedule;

import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.support.PeriodicTrigger;
import org.springframework.scheduling.support.SimpleTriggerContext;

/**
 * Reads the timing out of the arguments of a scheduling call:
 * {@code ScheduledExecutorService}'s {@code (delay, unit)} and
 * {@code (initialDelay, period, unit)}, and {@code TaskScheduler}'s {@code Instant},
 * {@code Date}, {@code Duration}, millisecond and {@link Trigger} forms.
 */
final class ScheduleArguments {

	private ScheduleArguments() {
	}

	static JobSchedule of(String methodName, Object[] args) {
		Instant start = null;
		Duration period = null;
		long[] numbers = new long[2];
		int count = 0;
		TimeUnit unit = TimeUnit.MILLISECONDS; // TaskScheduler's long forms are
												// milliseconds
		for (int i = 1; i < args.length; i++) {
			Object arg = args[i];
			if (arg instanceof Trigger trigger) {
				return new TriggerSchedule(trigger);
			}
			if (arg instanceof Instant instant) {
				start = instant;
			}
			else if (arg instanceof Date date) {
				start = date.toInstant();
			}
			else if (arg instanceof Duration duration) {
				period = duration;
			}
			else if (arg instanceof Long number && count < 2) {
				numbers[count++] = number;
			}
			else if (arg instanceof TimeUnit timeUnit) {
				unit = timeUnit;
			}
		}
		long initialDelay = (start != null) ? Math.max(0, Duration.between(Instant.now(), start).toNanos()) : 0;
		if (period == null && count > 0) {
			// (delay) for a one-shot, (period) or (initialDelay, period) for a periodic
			// task
			boolean oneShot = methodName.equals("schedule");
			period = Duration.ofNanos(unit.toNanos(numbers[(oneShot || count == 1) ? 0 : 1]));
			if (count == 2 || oneShot) {
				initialDelay = unit.toNanos(numbers[0]);
			}
		}
		return switch (methodName) {
			case "scheduleAtFixedRate" -> JobSchedule.fixedRate(initialDelay, nanos(period), TimeUnit.NANOSECONDS);
			case "scheduleWithFixedDelay" -> JobSchedule.fixedDelay(initialDelay, nanos(period), TimeUnit.NANOSECONDS);
			default -> JobSchedule.once(initialDelay, TimeUnit.NANOSECONDS);
		};
	}

	private static long nanos(Duration period) {
		return (period != null) ? period.toNanos() : 0;
	}

	/**
	 * Runs when a {@link Trigger} says; its period is the gap between the last two times
	 * it gave.
	 */
	static final class TriggerSchedule implements JobSchedule {

		private final Trigger trigger;

		private final SimpleTriggerContext context = new SimpleTriggerContext(Clock.systemDefaultZone());

		private volatile long periodNanos;

		TriggerSchedule(Trigger trigger) {
			this.trigger = trigger;
			if (trigger instanceof PeriodicTrigger periodic) {
				this.periodNanos = periodic.getPeriodDuration().toNanos();
			}
		}

		@Override
		public long firstDue() {
			return toNanos(this.trigger.nextExecution(this.context));
		}

		@Override
		public long nextDue(long due, long start, long end) {
			this.context.update(toInstant(due), toInstant(start), toInstant(end));
			long next = toNanos(this.trigger.nextExecution(this.context));
			if (!(this.trigger instanceof PeriodicTrigger) && next != Long.MAX_VALUE) {
				this.periodNanos = next - due;
			}
			return next;
		}

		@Override
		public long periodNanos() {
			return this.periodNanos;
		}

		private static long toNanos(Instant instant) {
			if (instant == null) {
				return Long.MAX_VALUE;
			}
			return System.nanoTime() + Duration.between(Instant.now(), instant).toNanos();
		}

		private static Instant toInstant(long nanos) {
			return Instant.now().plusNanos(nanos - System.nanoTime());
		}

	}

}
