package dev.leakwatch.core.task;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pool as an executor-semantics test sees it: used raw, or through a tracking executor
 * over the same kind of pool, with a source whose counts the test checks. Both flavours
 * run the same cases, so that tracking changes nothing a caller sees, and every task is
 * counted once.
 *
 * @param <E> the type the test submits through: {@link ExecutorService} or
 * {@link ScheduledExecutorService}
 */
final class FlavouredPool<E extends ExecutorService> {

	enum Flavour {

		RAW, TRACKED

	}

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	final ThreadPoolExecutor delegate;

	final E executor;

	/** The tracked flavour's source; {@code null} for the raw one. */
	final TaskSource source;

	final NamedThreads threads;

	private LongSupplier expectedRuns;

	private FlavouredPool(ThreadPoolExecutor delegate, E executor, TaskSource source, NamedThreads threads) {
		this.delegate = delegate;
		this.executor = executor;
		this.source = source;
		this.threads = threads;
	}

	static FlavouredPool<ExecutorService> pool(Flavour flavour, int threads, BlockingQueue<Runnable> queue,
			RejectedExecutionHandler rejection) {
		NamedThreads factory = threadsFor("exec-", flavour);
		ThreadPoolExecutor delegate = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, queue, factory,
				rejection);
		TaskSource source = sourceFor(flavour, "pool", TaskKind.EXECUTOR);
		return new FlavouredPool<>(delegate,
				(source != null) ? new TrackingExecutorService(delegate, source) : delegate, source, factory);
	}

	static FlavouredPool<ScheduledExecutorService> scheduler(Flavour flavour, int threads) {
		NamedThreads factory = threadsFor("sched-", flavour);
		ScheduledThreadPoolExecutor delegate = new ScheduledThreadPoolExecutor(threads, factory);
		TaskSource source = sourceFor(flavour, "scheduler", TaskKind.SCHEDULER);
		return new FlavouredPool<>(delegate,
				(source != null) ? new TrackingScheduledExecutorService(delegate, source) : delegate, source, factory);
	}

	private static NamedThreads threadsFor(String prefix, Flavour flavour) {
		return new NamedThreads(prefix + flavour.name().toLowerCase(Locale.ROOT) + "-");
	}

	private static TaskSource sourceFor(Flavour flavour, String name, TaskKind kind) {
		return (flavour == Flavour.TRACKED) ? new TaskTracker(false).source(name, kind) : null;
	}

	void assertSettled(long runs) {
		assertSettled(() -> runs);
	}

	/**
	 * Waits until no task runs and, on a plain pool, none is queued (a scheduler keeps
	 * delayed and periodic tasks in its queue), then until the counts say so with
	 * {@code runs} runs ended. {@code runs} is read live, so that a run of a periodic
	 * task caught by its cancel is counted on both sides.
	 */
	void assertSettled(LongSupplier runs) {
		this.expectedRuns = runs;
		boolean scheduler = this.delegate instanceof ScheduledThreadPoolExecutor;
		await().atMost(TIMEOUT)
			.until(() -> this.delegate.getActiveCount() == 0 && (scheduler || this.delegate.getQueue().isEmpty()));
		if (this.source != null) {
			await().atMost(TIMEOUT).untilAsserted(this::assertCounts);
		}
	}

	private void assertCounts() {
		assertThat(this.source.active()).as("active").isZero();
		assertThat(this.source.queued()).as("queued").isZero();
		// queued() never shows less than zero: each task must have left the queue exactly
		// once
		assertThat(this.source.dequeuedCount()).as("dequeued").isEqualTo(this.source.submittedCount());
		assertThat(this.source.completed()).as("completed").isEqualTo(this.expectedRuns.getAsLong());
	}

	/**
	 * Terminates the pool, then checks the counts again: a late run must not change them.
	 */
	void close() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.delegate.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		if (this.source != null && this.expectedRuns != null) {
			assertCounts();
		}
	}

}
