package dev.leakwatch.sample.leaks;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import dev.leakwatch.sample.HealthyWork;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * A price refresher scheduled at a fixed rate per request on Boot's
 * {@code taskScheduler}, its {@link ScheduledFuture} dropped: nothing ever cancels it, so
 * every call adds work that runs every second forever. No thread is blocked and none is
 * added; the scheduler's completed-task rate climbs with each call.
 * <p>
 * Fix: keep the future and cancel it when its reason ends (the session, the
 * subscription), or schedule one job that refreshes everything.
 */
@Component
class PeriodicNeverCancelled implements Leak {

	static final Duration PERIOD = Duration.ofSeconds(1);

	private final TaskScheduler taskScheduler;

	private final Held<ScheduledFuture<?>> scheduled = new Held<>();

	PeriodicNeverCancelled(TaskScheduler taskScheduler) {
		this.taskScheduler = taskScheduler;
	}

	@Override
	public String name() {
		return "periodic";
	}

	/** {@code count} periodic tasks. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			this.scheduled.add(this.taskScheduler.scheduleAtFixedRate(new RefreshPrices(), PERIOD));
		}
	}

	@Override
	public int outstanding() {
		return this.scheduled.size();
	}

	@Override
	public int release() {
		return this.scheduled.release((future) -> future.cancel(false));
	}

	/** A short, healthy run; its only fault is that it never stops coming back. */
	static final class RefreshPrices implements Runnable {

		@Override
		public void run() {
			HealthyWork.buildReport();
		}

	}

}
