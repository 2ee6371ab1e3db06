package dev.leakwatch.core.origin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Threads, executors and schedulers made per call, each from two call sites of which one
 * leaks its threads (they park until {@link #close()}) and the other shuts them down
 * before it returns.
 */
public final class LeakyCalls implements AutoCloseable {

	private final CountDownLatch release = new CountDownLatch(1);

	/** The leaked executors, only so that {@link #close()} can end their workers. */
	private final List<ExecutorService> leaked = new CopyOnWriteArrayList<>();

	public void threadPerCallLeaking() {
		Thread thread = new Thread(this::parkUntilClosed, "leaky-thread");
		thread.setDaemon(true);
		thread.start();
	}

	public void threadPerCallJoined() throws InterruptedException {
		Thread thread = new Thread(() -> {
		}, "joined-thread");
		thread.start();
		thread.join();
	}

	public void executorPerCallLeaking() {
		ExecutorService executor = Executors.newFixedThreadPool(1);
		this.leaked.add(executor);
		executor.submit(this::parkUntilClosed);
	}

	public void executorPerCallShutDown() throws InterruptedException {
		ExecutorService executor = Executors.newFixedThreadPool(1);
		executor.submit(() -> {
		});
		shutDown(executor);
	}

	public void schedulerPerCallLeaking() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		this.leaked.add(scheduler);
		scheduler.schedule(this::parkUntilClosed, 1, TimeUnit.MILLISECONDS);
	}

	public void schedulerPerCallShutDown() throws InterruptedException {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		scheduler.schedule(() -> {
		}, 1, TimeUnit.MILLISECONDS);
		shutDown(scheduler);
	}

	/** Lets the leaked threads end, and shuts the leaked executors down. */
	@Override
	public void close() {
		this.release.countDown();
		this.leaked.forEach(ExecutorService::shutdownNow);
	}

	private void parkUntilClosed() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void shutDown(ExecutorService executor) throws InterruptedException {
		executor.shutdown();
		if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("executor did not terminate");
		}
	}

}
