package dev.leakwatch.autoconfigure.executor;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

import dev.leakwatch.core.task.SubmitTracking;

/**
 * The rejection policy a taken-over pool holds in place of its own ({@link #handler()},
 * which is what {@code getRejectedExecutionHandler} answers): takes the rejected task off
 * the queued count and hands it and the pool, the bean itself, to the policy, both as the
 * caller gave them. The JDK's caller-runs and discard-oldest policies are carried out
 * here, to the letter, so that the task run by the caller is seen running and the oldest
 * one dropped leaves the queued count.
 */
final class BeanRejection implements RejectedExecutionHandler {

	private final RejectedExecutionHandler handler;

	private final SubmitTracking tracking;

	BeanRejection(RejectedExecutionHandler handler, SubmitTracking tracking) {
		this.handler = Objects.requireNonNull(handler);
		this.tracking = tracking;
	}

	/** The policy the user set. */
	RejectedExecutionHandler handler() {
		return this.handler;
	}

	@Override
	public void rejectedExecution(Runnable task, ThreadPoolExecutor pool) {
		Class<?> policy = this.handler.getClass();
		if (policy == ThreadPoolExecutor.CallerRunsPolicy.class && !pool.isShutdown()) {
			this.tracking.runInline(task); // leaves the queue by starting, as from a pool
											// thread
			return;
		}
		this.tracking.leftUnrun(task);
		if (policy == ThreadPoolExecutor.CallerRunsPolicy.class) {
			return; // shut down: it drops the task
		}
		if (policy == ThreadPoolExecutor.DiscardOldestPolicy.class) {
			if (!pool.isShutdown()) {
				Runnable oldest = pool.getQueue().poll();
				this.tracking.leftUnrun(oldest);
				pool.execute(task);
			}
		}
		else {
			this.handler.rejectedExecution(task, pool);
		}
	}

}
