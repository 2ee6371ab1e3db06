package dev.leakwatch.sample.leaks;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Tasks on {@code reportExecutor} that block forever putting to a queue nobody reads: a
 * channel send with no receiver. Each holds one of the four workers; once all four are
 * held, the healthy reports starve in the queue behind them.
 * <p>
 * Fix: start the consumer before the producers and let it outlive them, or bound the wait
 * ({@code outbox.offer(report, 5, SECONDS)}) and decide what a full outbox means.
 */
@Component
class BlockedPut implements Leak {

	private final ThreadPoolExecutor reportExecutor;

	/** Nobody ever takes from it. */
	private final SynchronousQueue<String> outbox = new SynchronousQueue<>();

	private final AtomicInteger outstanding = new AtomicInteger();

	BlockedPut(ThreadPoolExecutor reportExecutor) {
		this.reportExecutor = reportExecutor;
	}

	@Override
	public String name() {
		return "blocked-put";
	}

	/** {@code count} publishing tasks. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			this.outstanding.incrementAndGet();
			this.reportExecutor.execute(new PublishReport(this.outbox));
		}
	}

	@Override
	public int outstanding() {
		return this.outstanding.get();
	}

	@Override
	public int release() {
		if (this.outstanding.get() == 0) {
			return 0;
		}
		int released = 0;
		try {
			// queued publishers start as earlier ones are released: take until none comes
			// for a while
			while (this.outbox.poll(200, TimeUnit.MILLISECONDS) != null) {
				released++;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.outstanding.addAndGet(-released);
		return released;
	}

	/** A report publisher whose consumer never comes. */
	static final class PublishReport implements Runnable {

		private final SynchronousQueue<String> outbox;

		PublishReport(SynchronousQueue<String> outbox) {
			this.outbox = outbox;
		}

		@Override
		public void run() {
			try {
				this.outbox.put("report");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
