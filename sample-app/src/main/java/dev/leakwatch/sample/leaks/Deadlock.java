package dev.leakwatch.sample.leaks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Two threads that each hold the lock the other wants: a transfer locks accounts then
 * ledger, an audit locks ledger then accounts. The JVM proves this one
 * ({@code ThreadMXBean.findDeadlockedThreads}).
 * <p>
 * The sample waits with {@code lockInterruptibly()} so that reset can interrupt it; with
 * {@code lock()} or {@code synchronized} nothing but a restart ends a deadlock. Fix: take
 * locks in one global order, or {@code tryLock(timeout, unit)} and back off.
 */
@Component
class Deadlock implements Leak {

	private final Held<Thread> deadlocked = new Held<>();

	private final AtomicInteger pairs = new AtomicInteger();

	@Override
	public String name() {
		return "deadlock";
	}

	@Override
	public int maxPerCall() {
		return 10;
	}

	/** {@code count} pairs of deadlocked threads, each pair over its own two locks. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			ReentrantLock accounts = new ReentrantLock();
			ReentrantLock ledger = new ReentrantLock();
			int n = this.pairs.incrementAndGet();
			Thread transfer = lockBoth("transfer-" + n, accounts, ledger);
			Thread audit = lockBoth("audit-" + n, ledger, accounts);
			this.deadlocked.add(transfer);
			this.deadlocked.add(audit);
			transfer.start();
			audit.start();
		}
	}

	@Override
	public int outstanding() {
		return this.deadlocked.count(Thread::isAlive);
	}

	@Override
	public int release() {
		return this.deadlocked.release(Thread::interrupt);
	}

	private static Thread lockBoth(String name, ReentrantLock first, ReentrantLock second) {
		Thread thread = new Thread(() -> {
			first.lock();
			try {
				Thread.sleep(100); // long enough for the other thread to take its first
									// lock
				second.lockInterruptibly();
				second.unlock();
			}
			catch (InterruptedException ex) {
				// reset
			}
			finally {
				first.unlock();
			}
		}, name);
		thread.setDaemon(true);
		return thread;
	}

}
