package dev.leakwatch.sample.leaks;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * A raw thread per request, named {@code import-watcher-N}, that waits forever for mail
 * nobody sends ({@code Object.wait()} on its mailbox). Not a task of any executor, so
 * only the live-thread count and the thread family show it.
 * <p>
 * Fix: run the work on an executor bean with a bounded pool, and wait with a timeout and
 * a stop condition. The sample's threads are daemons so that a leaked one never holds the
 * JVM open; a real one often does.
 */
@Component
class ThreadPerRequest implements Leak {

	static final String FAMILY_PREFIX = "import-watcher-";

	private final Held<Thread> threads = new Held<>();

	private final AtomicInteger started = new AtomicInteger();

	@Override
	public String name() {
		return "thread";
	}

	/** {@code count} threads. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(ThreadPerRequest::awaitMail, FAMILY_PREFIX + this.started.incrementAndGet());
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	@Override
	public int outstanding() {
		return this.threads.count(Thread::isAlive);
	}

	@Override
	public int release() {
		return this.threads.release(Thread::interrupt);
	}

	private static void awaitMail() {
		Object mailbox = new Object();
		synchronized (mailbox) {
			try {
				while (true) {
					mailbox.wait(); // nobody else can even reach this mailbox
				}
			}
			catch (InterruptedException ex) {
				// reset
			}
		}
	}

}
