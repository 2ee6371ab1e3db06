package dev.leakwatch.benchmarks;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every task on the submitting thread, at once. Decorated the same way as the pool,
 * it shows the exact CPU a decorator adds to one task's submit-to-completion path,
 * without the microseconds of thread hand-off whose jitter would bury a difference of
 * tens of nanoseconds. Public and not final, as a user's executor class is, so that
 * leakwatch can track it as a bean.
 */
public class CallerRunsExecutor extends AbstractExecutorService {

	private volatile boolean shutdown;

	@Override
	public void execute(Runnable command) {
		command.run();
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
	}

	@Override
	public List<Runnable> shutdownNow() {
		this.shutdown = true;
		return List.of();
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.shutdown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return this.shutdown;
	}

}
