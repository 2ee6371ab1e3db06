package dev.leakwatch.sample.leaks;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicInteger;

import dev.leakwatch.sample.HealthyWork;

import org.springframework.stereotype.Component;

/**
 * A reminder scheduled per request on a {@code new java.util.Timer()} that nobody
 * cancels: every call keeps a thread, {@code invoice-reminder-N}, waking every second
 * forever (Go's {@code time.Ticker} never stopped, in its commonest JDK form). Each Timer
 * thread waits by design, so only their number says anything: leakwatch counts them as
 * growth of their family.
 * <p>
 * Fix: one shared {@code ScheduledExecutorService} bean, and cancel the reminder when its
 * invoice is paid.
 */
@Component
class TimerPerCall implements Leak {

	private final Held<Timer> timers = new Held<>();

	private final AtomicInteger started = new AtomicInteger();

	@Override
	public String name() {
		return "timer";
	}

	/** {@code count} Timers, each with a periodic task. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			Timer timer = new Timer("invoice-reminder-" + this.started.incrementAndGet(), true);
			this.timers.add(timer);
			timer.schedule(new TimerTask() {

				@Override
				public void run() {
					HealthyWork.buildReport();
				}

			}, 0, 1_000);
		}
	}

	@Override
	public int outstanding() {
		return this.timers.size();
	}

	@Override
	public int release() {
		return this.timers.release(Timer::cancel);
	}

}
