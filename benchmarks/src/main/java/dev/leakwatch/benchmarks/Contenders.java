package dev.leakwatch.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The executors under test, named by the {@code executor} parameter of every executor
 * benchmark: the same {@link ThreadPoolExecutor} used as it is, the bean a Spring user
 * gets for it with leakwatch ({@link TrackedBeans}), or decorated by Micrometer the way a
 * user would do it instead. Pools are made with no thread started, as a {@code @Bean}
 * method makes them, and started by {@link #drive} once wrapped.
 */
final class Contenders {

	/** The pool itself: the physical limit. */
	static final String RAW = "raw";

	/**
	 * The bean leakwatch makes of the executor, submit-site capture off (the default).
	 */
	static final String LEAKWATCH = "leakwatch";

	/** The same with submit-site capture on (the "advanced level"). */
	static final String LEAKWATCH_CAPTURE = "leakwatch-capture";

	/**
	 * Micrometer's {@code ExecutorServiceMetrics.monitor}: a timer around every task,
	 * another for queue time.
	 */
	static final String MICROMETER = "micrometer";

	private Contenders() {
	}

	static ExecutorService wrap(String contender, ExecutorService pool) {
		return switch (contender) {
			case RAW -> pool;
			case LEAKWATCH -> TrackedBeans.of(pool, false);
			case LEAKWATCH_CAPTURE -> TrackedBeans.of(pool, true);
			case MICROMETER -> ExecutorServiceMetrics.monitor(new SimpleMeterRegistry(), pool, "bench");
			default -> throw new IllegalArgumentException("Unknown executor " + contender);
		};
	}

	/**
	 * A fixed pool like {@code Executors.newFixedThreadPool(size)}, no thread started
	 * yet.
	 */
	static ThreadPoolExecutor fixedPool(int size, String name) {
		return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named(name));
	}

	/**
	 * The pool a benchmark drives once {@code pool} has been wrapped as {@code service},
	 * its threads started: the bean itself when leakwatch took the pool over, else the
	 * pool.
	 */
	static ThreadPoolExecutor drive(ExecutorService service, ThreadPoolExecutor pool) {
		ThreadPoolExecutor driven = (service instanceof ThreadPoolExecutor bean) ? bean : pool;
		driven.prestartAllCoreThreads();
		return driven;
	}

	static ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** Waits until {@code pool} has nothing queued or running. */
	static void awaitIdle(ThreadPoolExecutor pool) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!pool.getQueue().isEmpty() || pool.getActiveCount() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Tasks never finished: " + pool);
			}
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
		}
	}

	/** Stops {@code executor} once the tasks it has are done. */
	static void stop(ExecutorService executor) {
		executor.shutdown();
		try {
			if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Executor did not stop: " + executor);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
