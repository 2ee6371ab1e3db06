package dev.leakwatch.sample.leaks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * A ledger lock that is never released: a task on {@code reportExecutor} takes it, hands
 * postings to the same executor and, still holding it, waits for a flush that never
 * comes. The postings block in {@code ReentrantLock.lock()} behind it. This is no
 * deadlock (the holder waits for a latch, not for a lock the postings hold), so the JVM's
 * deadlock detection says nothing; both the holder and the postings are stuck tasks.
 * <p>
 * Fix: never wait for another party while holding a lock (flush, then lock), and
 * {@code tryLock(timeout, unit)} where waiting forever is not an option.
 */
@Component
class LockNeverReleased implements Leak {

	private final ThreadPoolExecutor reportExecutor;

	private final Held<CountDownLatch> flushes = new Held<>();

	private final AtomicInteger outstanding = new AtomicInteger();

	LockNeverReleased(ThreadPoolExecutor reportExecutor) {
		this.reportExecutor = reportExecutor;
	}

	@Override
	public String name() {
		return "lock";
	}

	/** One holder task and {@code count} postings blocked behind it. */
	@Override
	public void leak(int count) {
		CountDownLatch flushed = new CountDownLatch(1);
		this.flushes.add(flushed);
		this.outstanding.addAndGet(count + 1);
		this.reportExecutor.execute(new HoldLedger(new ReentrantLock(), flushed, count, this.reportExecutor));
	}

	@Override
	public int outstanding() {
		return this.outstanding.get();
	}

	@Override
	public int release() {
		this.flushes.release(CountDownLatch::countDown);
		return this.outstanding.getAndSet(0);
	}

	/** Takes the ledger lock, then submits the postings so that they find it held. */
	static final class HoldLedger implements Runnable {

		private final ReentrantLock ledger;

		private final CountDownLatch flushed;

		private final int postings;

		private final Executor executor;

		HoldLedger(ReentrantLock ledger, CountDownLatch flushed, int postings, Executor executor) {
			this.ledger = ledger;
			this.flushed = flushed;
			this.postings = postings;
			this.executor = executor;
		}

		@Override
		public void run() {
			this.ledger.lock();
			try {
				for (int i = 0; i < this.postings; i++) {
					this.executor.execute(new PostToLedger(this.ledger));
				}
				this.flushed.await(); // waits for another party with the lock held
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.ledger.unlock();
			}
		}

	}

	/** Correct code on its own: lock, post, unlock in a finally. */
	static final class PostToLedger implements Runnable {

		private final ReentrantLock ledger;

		PostToLedger(ReentrantLock ledger) {
			this.ledger = ledger;
		}

		@Override
		public void run() {
			this.ledger.lock();
			try {
				// post
			}
			finally {
				this.ledger.unlock();
			}
		}

	}

}
