package dev.leakwatch.sample.leaks;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Tasks on {@code reportExecutor} that wait forever for an order from a queue nobody
 * fills: a channel receive with no sender, because the producer never started or died
 * without saying so.
 * <p>
 * Fix: {@code orders.poll(timeout, unit)} with a decision for an empty answer, or a
 * poison pill the producer sends on every exit path.
 */
@Component
class BlockedTake implements Leak {

	private final ThreadPoolExecutor reportExecutor;

	/** Nobody ever puts to it. */
	private final BlockingQueue<String> orders = new LinkedBlockingQueue<>();

	private final AtomicInteger outstanding = new AtomicInteger();

	BlockedTake(ThreadPoolExecutor reportExecutor) {
		this.reportExecutor = reportExecutor;
	}

	@Override
	public String name() {
		return "blocked-take";
	}

	/** {@code count} tasks waiting for an order. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			this.outstanding.incrementAndGet();
			this.reportExecutor.execute(new AwaitOrder(this.orders));
		}
	}

	@Override
	public int outstanding() {
		return this.outstanding.get();
	}

	@Override
	public int release() {
		int released = this.outstanding.getAndSet(0);
		for (int i = 0; i < released; i++) {
			this.orders.add("cancelled"); // waits in the queue for a task that has not
											// started yet
		}
		return released;
	}

	/** An order handler whose order never comes. */
	static final class AwaitOrder implements Runnable {

		private final BlockingQueue<String> orders;

		AwaitOrder(BlockingQueue<String> orders) {
			this.orders = orders;
		}

		@Override
		public void run() {
			try {
				this.orders.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
