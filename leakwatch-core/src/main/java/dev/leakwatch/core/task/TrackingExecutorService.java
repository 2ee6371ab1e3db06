package dev.leakwatch.core.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ExecutorService} that tracks every task it hands to its delegate. Submission
 * goes through the delegate's {@code execute}, so futures, {@code invokeAll} and
 * {@code invokeAny} behave as the JDK's {@link AbstractExecutorService} does; lifecycle
 * calls go straight to the delegate, and {@link #shutdownNow()} returns the caller's own
 * tasks. A {@link ThreadPoolExecutor} delegate with one of the JDK's rejection policies
 * that may drop tasks gets one that counts what it drops ({@link DiscardCounting}).
 */
public class TrackingExecutorService extends AbstractExecutorService {

	private final ExecutorService delegate;

	private final SubmitTracking tracking;

	public TrackingExecutorService(ExecutorService delegate, TaskSource source) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.tracking = new SubmitTracking(source);
		if (delegate instanceof ThreadPoolExecutor pool) {
			DiscardCounting.install(pool);
		}
	}

	/**
	 * The source tasks of this executor are counted under, unless a {@link SubmitLabel}
	 * says otherwise.
	 */
	public TaskSource source() {
		return this.tracking.source();
	}

	@Override
	public void execute(Runnable command) {
		Runnable tracked = this.tracking.enqueue(command);
		try {
			this.delegate.execute(tracked);
		}
		catch (RuntimeException | Error ex) {
			releaseDrained(tracked);
			throw ex;
		}
	}

	@Override
	protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
		return this.tracking.newTaskFor(callable);
	}

	@Override
	protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
		return this.tracking.newTaskFor(runnable, value);
	}

	TaskSource sourceFor(SubmitLabel label) {
		return this.tracking.sourceFor(label);
	}

	@Override
	public void shutdown() {
		this.delegate.shutdown();
	}

	@Override
	public List<Runnable> shutdownNow() {
		return releaseDrained(this.delegate.shutdownNow());
	}

	/**
	 * Takes tasks drained from a tracked executor ({@code shutdownNow}) out of the queued
	 * count, and gives the caller back the tasks it submitted rather than wrappers;
	 * futures stay the caller's futures.
	 */
	public static List<Runnable> releaseDrained(List<Runnable> drained) {
		List<Runnable> tasks = new ArrayList<>(drained.size());
		for (Runnable task : drained) {
			tasks.add(releaseDrained(task));
		}
		return tasks;
	}

	/**
	 * Takes one task a tracked executor let go of unrun (drained, removed, dropped by its
	 * rejection policy) out of the queued count; returns the task the caller submitted,
	 * or {@code task} if it is not tracked.
	 */
	public static Runnable releaseDrained(Runnable task) {
		if (task instanceof TrackedRunnable tracked) {
			tracked.leaveQueue();
			return tracked.delegate();
		}
		if (task instanceof TrackedFutureTask<?> future) {
			future.leaveQueue();
		}
		return task;
	}

	@Override
	public boolean isShutdown() {
		return this.delegate.isShutdown();
	}

	@Override
	public boolean isTerminated() {
		return this.delegate.isTerminated();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.delegate.awaitTermination(timeout, unit);
	}

	/**
	 * Closes the delegate its own way (JDK 19+ executors are {@link AutoCloseable}),
	 * rather than with the interface's default loop, which never ends for executors that
	 * ignore {@code shutdown}.
	 */
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
		else {
			shutdown();
		}
	}

	@Override
	public String toString() {
		return "Tracking[" + source().name() + "]" + this.delegate;
	}

}
