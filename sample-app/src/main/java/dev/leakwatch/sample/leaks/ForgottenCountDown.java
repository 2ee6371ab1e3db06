package dev.leakwatch.sample.leaks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Tasks on {@code reportExecutor} that wait for a batch of two parts of which only one
 * counts down: the other part's error path forgot {@code countDown()} (Go's forgotten
 * {@code WaitGroup.Done}).
 * <p>
 * Fix: {@code countDown()} in a {@code finally}, and {@code await(timeout, unit)} on the
 * waiting side.
 */
@Component
class ForgottenCountDown implements Leak {

	private final ThreadPoolExecutor reportExecutor;

	private final Held<CountDownLatch> batches = new Held<>();

	private final AtomicInteger outstanding = new AtomicInteger();

	ForgottenCountDown(ThreadPoolExecutor reportExecutor) {
		this.reportExecutor = reportExecutor;
	}

	@Override
	public String name() {
		return "latch";
	}

	/** {@code count} tasks waiting for one batch that never completes. */
	@Override
	public void leak(int count) {
		CountDownLatch parts = new CountDownLatch(2);
		parts.countDown(); // the first part is done; the second one failed and never
							// counts down
		this.batches.add(parts);
		for (int i = 0; i < count; i++) {
			this.outstanding.incrementAndGet();
			this.reportExecutor.execute(new AwaitBatch(parts));
		}
	}

	@Override
	public int outstanding() {
		return this.outstanding.get();
	}

	@Override
	public int release() {
		this.batches.release(CountDownLatch::countDown);
		return this.outstanding.getAndSet(0);
	}

	/** A task that needs the whole batch. */
	static final class AwaitBatch implements Runnable {

		private final CountDownLatch parts;

		AwaitBatch(CountDownLatch parts) {
			this.parts = parts;
		}

		@Override
		public void run() {
			try {
				this.parts.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
