package dev.leakwatch.core.task;

/**
 * Wraps a task scheduled with a delay, a rate, a fixed delay or a trigger. Every run is
 * tracked; a run that starts a period or more after it was due counts as missed (every
 * scheduler thread was busy; a fixed rate runs the runs it owes one after another later,
 * each of them late), a run longer than its period as an overrun. Exceptions pass
 * through, so the scheduler's own error handling (a periodic task that throws is not run
 * again) is unchanged.
 */
final class ScheduledRun extends TaskRecord implements Runnable {

	private final Runnable delegate;

	private final JobSchedule schedule;

	private volatile long nextDueNanos;

	private volatile boolean running;

	ScheduledRun(Runnable delegate, TaskSource source, String label, JobSchedule schedule) {
		// periodic tasks are scheduled rarely, and where a growing number of them comes
		// from is the clue
		super(delegate, source, label, schedule.periodic());
		this.delegate = delegate;
		this.schedule = schedule;
		this.nextDueNanos = schedule.firstDue();
	}

	@Override
	public void run() {
		long start = System.nanoTime();
		long due = this.nextDueNanos;
		long period = this.schedule.periodNanos();
		if (period > 0 && start - due >= period) {
			source().recordMissed(); // started a period late: every scheduler thread was
										// busy when it was due
		}
		this.running = true;
		RunningSlots.Slot slot = slot();
		RunningSlots.Outer outer = slot.enter(this, start, false);
		try {
			this.delegate.run();
		}
		finally {
			long end = System.nanoTime();
			if (period > 0 && end - start > period) {
				source().recordOverrun();
			}
			this.nextDueNanos = this.schedule.nextDue(due, start, end);
			this.running = false;
			slot.exit(this, outer);
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
	public String toString() {
		return "Scheduled[" + this.delegate + "]";
	}

}
