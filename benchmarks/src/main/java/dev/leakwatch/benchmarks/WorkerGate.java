package dev.leakwatch.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * Holds an executor's workers, each on a task that waits until the gate opens, so that
 * what a benchmark submits next waits in the queue.
 */
final class WorkerGate {

	private final CountDownLatch open = new CountDownLatch(1);

	private WorkerGate() {
	}

	/**
	 * Occupies {@code workers} threads of {@code executor}; returns once all of them
	 * wait.
	 */
	static WorkerGate hold(Executor executor, int workers) throws InterruptedException {
		WorkerGate gate = new WorkerGate();
		CountDownLatch held = new CountDownLatch(workers);
		for (int i = 0; i < workers; i++) {
			executor.execute(() -> {
				held.countDown();
				gate.awaitOpen();
			});
		}
		held.await();
		return gate;
	}

	void open() {
		this.open.countDown();
	}

	private void awaitOpen() {
		boolean interrupted = false;
		while (true) {
			try {
				this.open.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
