package dev.leakwatch.core.task;

import java.util.Objects;

/**
 * Wraps a task scheduled with a delay, a rate, a fixed delay or a trigger. Every run is tracked; a run that
 * starts a period or more after it was due counts as missed runs (every scheduler thread was busy), a run
 * longer than its period counts as an overrun. Exceptions pass through, so the scheduler's own error handling
 * (a periodic task that throws is not run again) is unchanged.
 */
final class ScheduledRun implements Runnable, TrackedTask {

	private final Runnable delegate;

	private final TaskSource source;

	private final String label;

	private final JobSchedule schedule;

	private final long submitNanos;

	private final StackTraceElement[] submitSite;

	private volatile long nextDueNanos;

	private volatile long startNanos;

	private volatile boolean running;

	ScheduledRun(Runnable delegate, TaskSource source, String label, JobSchedule schedule) {
		this.delegate = Objects.requireNonNull(delegate, "task");
		this.source = source;
		this.label = label;
		this.schedule = schedule;
		this.submitNanos = System.nanoTime();
		this.nextDueNanos = schedule.firstDue();
		// periodic tasks are scheduled rarely, and where a growing number of them comes from is the clue
		this.submitSite = (schedule.periodic() || source.captureSubmitSite()) ? SubmitSites.capture()
				: SubmitSites.NONE;
	}

	@Override
	public void run() {
		long start = System.nanoTime();
		long due = this.nextDueNanos;
		long period = this.schedule.periodNanos();
		if (period > 0 && start - due >= period) {
			this.source.missed((start - due) / period);
		}
		this.startNanos = start;
		this.running = true;
		RunningSlots.Slot slot = this.source.beginRun();
		TrackedTask outer = slot.enter(this);
		try {
			this.delegate.run();
		}
		finally {
			long end = System.nanoTime();
			if (period > 0 && end - start > period) {
				this.source.overrun();
			}
			this.nextDueNanos = this.schedule.nextDue(due, start, end);
			this.running = false;
			this.source.endRun(slot, outer);
		}
	}

	boolean periodic() {
		return this.schedule.periodic();
	}

	long nextDueNanos() {
		return this.nextDueNanos;
	}

	boolean running() {
		return this.running;
	}

	@Override
	public TaskSource source() {
		return this.source;
	}

	@Override
	public Object task() {
		return this.delegate;
	}

	@Override
	public String label() {
		return this.label;
	}

	@Override
	public long submitNanos() {
		return this.submitNanos;
	}

	@Override
	public long startNanos() {
		return this.startNanos;
	}

	@Override
	public StackTraceElement[] submitSite() {
		return this.submitSite;
	}

	@Override
	public String toString() {
		return "Scheduled[" + this.delegate + "]";
	}

}
