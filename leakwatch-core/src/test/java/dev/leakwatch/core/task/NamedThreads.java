package dev.leakwatch.core.task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test thread factory: threads named {@code prefix1, prefix2, ...} so tests can find them
 * by name, and a record of what each one threw uncaught. Threads are daemons so that a
 * test failing before it closes its pool cannot keep the test JVM alive.
 */
public final class NamedThreads implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger count = new AtomicInteger();

	private final Map<String, Throwable> uncaught = new ConcurrentHashMap<>();

	public NamedThreads(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + this.count.incrementAndGet());
		thread.setDaemon(true);
		thread.setUncaughtExceptionHandler((dying, ex) -> this.uncaught.put(dying.getName(), ex));
		return thread;
	}

	public String prefix() {
		return this.prefix;
	}

	/** What each thread of this factory let escape, by thread name. */
	public Map<String, Throwable> uncaught() {
		return this.uncaught;
	}

}
