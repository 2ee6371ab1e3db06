package dev.leakwatch.sample.leaks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;

import org.springframework.stereotype.Component;

/**
 * A quote fetched on {@code ForkJoinPool.commonPool()} that waits for a confirmation
 * nobody sends. (Where the common pool's parallelism is 1, as on 2 CPUs,
 * {@code CompletableFuture}'s async methods start a thread per task instead, even when
 * handed the common pool; this leak submits to the pool itself.) No bean owns the common
 * pool: leakwatch finds the task on the pool's worker, named after the pool. Each one
 * also takes a worker from everything else that uses the common pool (parallel streams,
 * {@code CompletableFuture}'s async methods), so it allows at most the pool's
 * parallelism.
 * <p>
 * Fix: wait with a timeout, and run blocking work on an executor of its own, never on the
 * common pool.
 */
@Component
class CommonPoolBlock implements Leak {

	private final Held<CountDownLatch> confirmations = new Held<>();

	@Override
	public String name() {
		return "common-pool";
	}

	@Override
	public int maxPerCall() {
		return ForkJoinPool.getCommonPoolParallelism();
	}

	/** {@code count} tasks on the common pool. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			CountDownLatch confirmation = new CountDownLatch(1);
			this.confirmations.add(confirmation);
			ForkJoinPool.commonPool().execute(() -> awaitConfirmation(confirmation));
		}
	}

	@Override
	public int outstanding() {
		return this.confirmations.count((confirmation) -> confirmation.getCount() > 0);
	}

	@Override
	public int release() {
		return this.confirmations.release(CountDownLatch::countDown);
	}

	private static void awaitConfirmation(CountDownLatch confirmation) {
		try {
			confirmation.await(); // nobody will count it down
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
