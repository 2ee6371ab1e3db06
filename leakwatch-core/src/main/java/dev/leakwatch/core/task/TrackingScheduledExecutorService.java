package dev.leakwatch.core.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TrackingExecutorService} for schedulers: delayed and periodic tasks keep their delegate's timing,
 * futures and error handling, and every run is tracked.
 */
public class TrackingScheduledExecutorService extends TrackingExecutorService implements ScheduledExecutorService {

	private final ScheduledExecutorService delegate;

	public TrackingScheduledExecutorService(ScheduledExecutorService delegate, TaskSource source) {
		super(delegate, source);
		this.delegate = delegate;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return this.delegate.schedule(trackRuns(command), delay, unit);
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return this.delegate.schedule(source().tracker().trackRuns(source(), callable), delay, unit);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return this.delegate.scheduleAtFixedRate(trackRuns(command), initialDelay, period, unit);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		return this.delegate.scheduleWithFixedDelay(trackRuns(command), initialDelay, delay, unit);
	}

	private Runnable trackRuns(Runnable command) {
		return source().tracker().trackRuns(source(), command);
	}

}
