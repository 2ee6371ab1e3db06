package dev.leakwatch.core.task;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TrackingExecutorService} for schedulers: delayed and periodic tasks keep their
 * delegate's timing, futures and error handling; every run is tracked and timed against
 * its schedule (overruns, missed runs), and periodic tasks are known until cancelled.
 * <p>
 * Tasks to run at once are scheduled with no delay, as
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor} does itself: the caller holds
 * the delegate's own future, so cancel, {@code purge} and {@code shutdownNow} behave as
 * without tracking. Like every scheduled task they are tracked when they run but never
 * counted as queued, since a scheduler's future does not tell its wrapper that it was
 * cancelled or drained unrun.
 */
public class TrackingScheduledExecutorService extends TrackingExecutorService implements ScheduledExecutorService {

	private final ScheduledExecutorService delegate;

	public TrackingScheduledExecutorService(ScheduledExecutorService delegate, TaskSource source) {
		super(delegate, source);
		this.delegate = delegate;
	}

	@Override
	public void execute(Runnable command) {
		// invokeAll's futures track their own run, and skip it once cancelled
		Runnable task = (command instanceof TrackedFutureTask<?>) ? command : trackNow(command);
		this.delegate.schedule(task, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public ScheduledFuture<?> submit(Runnable task) {
		return this.delegate.schedule(trackNow(task), 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public <T> ScheduledFuture<T> submit(Runnable task, T result) {
		return this.delegate.schedule(Executors.callable(trackNow(task), result), 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public <T> ScheduledFuture<T> submit(Callable<T> task) {
		SubmitLabel label = SubmitLabel.current();
		return this.delegate.schedule(
				new TrackedCallable<>(task, sourceFor(label), SubmitTracking.descriptionOf(label)), 0,
				TimeUnit.NANOSECONDS);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return this.delegate.schedule(track(command, JobSchedule.once(delay, unit)), delay, unit);
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return this.delegate.schedule(source().tracker().trackRuns(source(), callable), delay, unit);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		Runnable run = track(command, JobSchedule.fixedRate(initialDelay, period, unit));
		return watch(run, this.delegate.scheduleAtFixedRate(run, initialDelay, period, unit));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		Runnable run = track(command, JobSchedule.fixedDelay(initialDelay, delay, unit));
		return watch(run, this.delegate.scheduleWithFixedDelay(run, initialDelay, delay, unit));
	}

	/**
	 * Tracks a task to run at once, under the source and description a
	 * {@link SubmitLabel} may give.
	 */
	private Runnable trackNow(Runnable command) {
		SubmitLabel label = SubmitLabel.current();
		return new TrackedRunnable(command, sourceFor(label), SubmitTracking.descriptionOf(label));
	}

	private Runnable track(Runnable command, JobSchedule schedule) {
		return source().tracker().trackScheduled(source(), command, null, schedule);
	}

	/**
	 * Periodic tasks stay known (gauge, growth, starvation) until their future is done.
	 */
	private ScheduledFuture<?> watch(Runnable run, ScheduledFuture<?> future) {
		source().tracker().watch(run, future);
		return future;
	}

}
