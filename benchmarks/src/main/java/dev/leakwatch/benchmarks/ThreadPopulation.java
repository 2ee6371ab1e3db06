package dev.leakwatch.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.task.TrackingExecutorService;

/**
 * A service's worth of parked threads, the shape the sampler and the endpoint face in a
 * big JVM: half are workers of {@value #POOLS} tracked pools, each running one tracked
 * task that blocks (on a latch or an empty queue, by pool); half are plain threads parked
 * four different ways (park, sleep, {@code Object.wait}, latch). So there are many
 * threads and few distinct stacks, as in thread-per-request servers and oversized pools.
 */
final class ThreadPopulation implements AutoCloseable {

	static final int POOLS = 10;

	private final CountDownLatch gate = new CountDownLatch(1);

	private final BlockingQueue<Object> never = new LinkedBlockingQueue<>();

	private final Object monitor = new Object();

	private final List<ThreadPoolExecutor> pools = new ArrayList<>();

	private final List<Thread> plain = new ArrayList<>();

	private volatile boolean closed;

	private ThreadPopulation() {
	}

	/**
	 * Starts {@code total} threads, half of them running tracked tasks of
	 * {@code tracker}, and waits until all park.
	 */
	static ThreadPopulation start(int total, TaskTracker tracker) throws InterruptedException {
		return start(total, 0, tracker);
	}

	/**
	 * Starts {@code total} platform threads as {@link #start(int, TaskTracker)} does, and
	 * {@code virtual} virtual threads (Java 21+) parked on the gate, and waits until all
	 * park.
	 */
	static ThreadPopulation start(int total, int virtual, TaskTracker tracker) throws InterruptedException {
		ThreadPopulation population = new ThreadPopulation();
		population.startTracked(total / 2, tracker);
		population.startPlain(total - total / 2);
		population.startVirtual(virtual);
		population.awaitParked();
		return population;
	}

	private void startTracked(int count, TaskTracker tracker) {
		for (int p = 0; p < POOLS; p++) {
			int size = count / POOLS + ((p < count % POOLS) ? 1 : 0);
			if (size == 0) {
				continue;
			}
			ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
					new LinkedBlockingQueue<>(), Contenders.named("pool" + p + "-worker"));
			this.pools.add(pool);
			TaskSource source = tracker.source("pool" + p, TaskKind.EXECUTOR);
			ExecutorService tracked = new TrackingExecutorService(pool, source);
			Runnable blocking = (p % 2 == 0) ? this::awaitGate : this::takeFromEmptyQueue;
			for (int i = 0; i < size; i++) {
				tracked.execute(blocking);
			}
		}
	}

	private void startPlain(int count) {
		Runnable[] waits = { this::parkUntilClosed, this::sleepUntilClosed, this::waitOnMonitor, this::awaitGate };
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(waits[i % waits.length], "plain-" + i);
			thread.setDaemon(true);
			thread.start();
			this.plain.add(thread);
		}
	}

	private void startVirtual(int count) {
		if (count == 0) {
			return;
		}
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			for (int i = 0; i < count; i++) {
				Object named = builderType.getMethod("name", String.class).invoke(builder, "virtual-" + i);
				this.plain.add((Thread) builderType.getMethod("start", Runnable.class)
					.invoke(named, (Runnable) this::awaitGate));
			}
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("virtual threads need Java 21+", ex);
		}
	}

	private void awaitParked() throws InterruptedException {
		List<Thread> pending = new ArrayList<>(this.plain);
		for (ThreadPoolExecutor pool : this.pools) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (pool.getActiveCount() < pool.getCorePoolSize()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Pool workers did not start: " + pool);
				}
				Thread.sleep(1);
			}
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		for (Thread thread : pending) {
			while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(thread.getName() + " did not park");
				}
				Thread.sleep(1);
			}
		}
	}

	private void awaitGate() {
		try {
			this.gate.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void takeFromEmptyQueue() {
		try {
			this.never.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void parkUntilClosed() {
		while (!this.closed && !Thread.currentThread().isInterrupted()) {
			LockSupport.park(this);
		}
	}

	private void sleepUntilClosed() {
		try {
			while (!this.closed) {
				Thread.sleep(TimeUnit.HOURS.toMillis(1));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void waitOnMonitor() {
		synchronized (this.monitor) {
			try {
				while (!this.closed) {
					this.monitor.wait();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.closed = true;
		this.gate.countDown();
		for (ThreadPoolExecutor pool : this.pools) {
			pool.shutdownNow();
		}
		for (Thread thread : this.plain) {
			thread.interrupt();
		}
		for (ThreadPoolExecutor pool : this.pools) {
			pool.awaitTermination(30, TimeUnit.SECONDS);
		}
		for (Thread thread : this.plain) {
			thread.join(TimeUnit.SECONDS.toMillis(30));
		}
	}

}
