package dev.leakwatch.core.task;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The JDK's rejection policies that may drop a task, counting what they drop.
 * {@link ThreadPoolExecutor.DiscardPolicy} and
 * {@link ThreadPoolExecutor.DiscardOldestPolicy} drop tasks without a word, and
 * {@link ThreadPoolExecutor.CallerRunsPolicy} does once the pool is shut down: a tracked
 * task would stay counted as queued for good, and an idle pool would look like one whose
 * queue never moves. {@link #install} swaps such a policy for a subclass of it that does
 * the same and takes the dropped task out of the queued count. Any other policy is left
 * alone: the JDK's abort policy throws to the submitter, which counts the rejection.
 */
public final class DiscardCounting {

	private DiscardCounting() {
	}

	/**
	 * Makes {@code pool}'s policy count the tasks it drops, if it is one of the JDK's
	 * that may drop tasks.
	 */
	public static void install(ThreadPoolExecutor pool) {
		RejectedExecutionHandler handler = pool.getRejectedExecutionHandler();
		if (handler.getClass() == ThreadPoolExecutor.DiscardPolicy.class) {
			pool.setRejectedExecutionHandler(new CountingDiscardPolicy());
		}
		else if (handler.getClass() == ThreadPoolExecutor.DiscardOldestPolicy.class) {
			pool.setRejectedExecutionHandler(new CountingDiscardOldestPolicy());
		}
		else if (handler.getClass() == ThreadPoolExecutor.CallerRunsPolicy.class) {
			pool.setRejectedExecutionHandler(new CountingCallerRunsPolicy());
		}
	}

	/**
	 * {@link ThreadPoolExecutor.DiscardPolicy}: drops the rejected task, which leaves the
	 * queued count.
	 */
	static final class CountingDiscardPolicy extends ThreadPoolExecutor.DiscardPolicy {

		@Override
		public void rejectedExecution(Runnable task, ThreadPoolExecutor pool) {
			TrackingExecutorService.releaseDrained(task);
		}

	}

	/**
	 * {@link ThreadPoolExecutor.CallerRunsPolicy}: runs the rejected task on the
	 * submitting thread, which counts its run; once the pool is shut down, drops it.
	 */
	static final class CountingCallerRunsPolicy extends ThreadPoolExecutor.CallerRunsPolicy {

		@Override
		public void rejectedExecution(Runnable task, ThreadPoolExecutor pool) {
			if (pool.isShutdown()) {
				TrackingExecutorService.releaseDrained(task);
				return;
			}
			task.run();
		}

	}

	/**
	 * {@link ThreadPoolExecutor.DiscardOldestPolicy}: drops the oldest queued task, which
	 * leaves the queued count, and executes the rejected one again; once the pool is shut
	 * down, drops the rejected task.
	 */
	static final class CountingDiscardOldestPolicy extends ThreadPoolExecutor.DiscardOldestPolicy {

		@Override
		public void rejectedExecution(Runnable task, ThreadPoolExecutor pool) {
			if (pool.isShutdown()) {
				TrackingExecutorService.releaseDrained(task);
				return;
			}
			Runnable oldest = pool.getQueue().poll();
			if (oldest != null) {
				TrackingExecutorService.releaseDrained(oldest);
			}
			pool.execute(task);
		}

	}

}
