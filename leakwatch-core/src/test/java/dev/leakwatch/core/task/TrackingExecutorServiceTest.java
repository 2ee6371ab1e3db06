package dev.leakwatch.core.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.leakwatch.core.task.FlavouredPool.Flavour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The same cases against a raw {@link ThreadPoolExecutor} and a
 * {@link TrackingExecutorService} wrapping one: the decorator must not change anything a
 * caller sees, and must leave no queued or active count behind.
 */
class TrackingExecutorServiceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Lets blocked tasks go; counted down after every test so that no task outlives it.
	 */
	private final CountDownLatch release = new CountDownLatch(1);

	private FlavouredPool<ExecutorService> pool;

	@AfterEach
	void closePool() throws InterruptedException {
		this.release.countDown();
		if (this.pool != null) {
			this.pool.close();
		}
	}

	@ParameterizedTest
	@EnumSource
	void submitCallableReturnsItsResult(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 2);
		assertThat(pool.executor.submit(() -> "result").get(10, TimeUnit.SECONDS)).isEqualTo("result");
		pool.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void submitRunnableReturnsTheGivenResult(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 2);
		AtomicBoolean ran = new AtomicBoolean();
		Future<String> future = pool.executor.submit(() -> ran.set(true), "given");
		assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo("given");
		assertThat(ran).isTrue();
		pool.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void executeRunsTheCommandOnAPoolThread(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 2);
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		CountDownLatch ran = new CountDownLatch(1);
		pool.executor.execute(() -> {
			ranOn.set(Thread.currentThread());
			ran.countDown();
		});
		awaitLatch(ran);
		assertThat(ranOn.get().getName()).startsWith(pool.threads.prefix());
		pool.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void submittedExceptionSurfacesAsExecutionExceptionCause(Flavour flavour) {
		FlavouredPool<ExecutorService> pool = open(flavour, 2);
		IllegalStateException failure = new IllegalStateException("task failed");
		Future<Object> future = pool.executor.submit(() -> {
			throw failure;
		});
		assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.cause()
			.isSameAs(failure);
		pool.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void executedExceptionReachesTheThreadsUncaughtHandler(Flavour flavour) {
		FlavouredPool<ExecutorService> pool = open(flavour, 2);
		IllegalStateException failure = new IllegalStateException("task failed");
		pool.executor.execute(() -> {
			throw failure;
		});
		await().atMost(TIMEOUT).until(() -> !pool.threads.uncaught().isEmpty());
		// the very exception, not one wrapped by the tracking layer
		assertThat(pool.threads.uncaught()).hasSize(1).containsValue(failure);
		assertThat(pool.threads.uncaught().keySet()).allMatch((name) -> name.startsWith(pool.threads.prefix()));
		pool.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void taskCancelledBeforeItStartsNeverRuns(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1);
		occupyWorker(pool);
		AtomicBoolean ran = new AtomicBoolean();
		Future<?> queued = pool.executor.submit(() -> ran.set(true));
		assertThat(queued.cancel(false)).isTrue();
		this.release.countDown();
		// the worker still dequeues the cancelled future; it must not run the task
		pool.assertSettled(1);
		assertThat(ran).isFalse();
		assertThat(queued.isCancelled()).isTrue();
		assertThatThrownBy(queued::get).isInstanceOf(CancellationException.class);
	}

	@ParameterizedTest
	@EnumSource
	void cancelWhileRunningInterruptsTheTask(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch ended = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		Future<?> future = pool.executor.submit(() -> {
			started.countDown();
			try {
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
			finally {
				ended.countDown();
			}
		});
		awaitLatch(started);
		assertThat(future.cancel(true)).isTrue();
		awaitLatch(ended);
		assertThat(interrupted).isTrue();
		assertThat(future.isCancelled()).isTrue();
		pool.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void shutdownNowInterruptIsVisibleToTheTask(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch ended = new CountDownLatch(1);
		AtomicBoolean sawInterrupt = new AtomicBoolean();
		pool.executor.execute(() -> {
			started.countDown();
			// a task that never blocks sees the interrupt only through the flag
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			sawInterrupt.set(Thread.currentThread().isInterrupted());
			ended.countDown();
		});
		awaitLatch(started);
		assertThat(pool.executor.shutdownNow()).isEmpty();
		awaitLatch(ended);
		assertThat(sawInterrupt).isTrue();
		pool.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void abortPolicyRejectsWhenSaturated(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1, new SynchronousQueue<>(),
				new ThreadPoolExecutor.AbortPolicy());
		occupyWorker(pool);
		AtomicBoolean ran = new AtomicBoolean();
		assertThatThrownBy(() -> pool.executor.execute(() -> ran.set(true)))
			.isInstanceOf(RejectedExecutionException.class);
		assertThatThrownBy(() -> pool.executor.submit(() -> ran.set(true)))
			.isInstanceOf(RejectedExecutionException.class);
		assertThatThrownBy(() -> pool.executor.submit(() -> "never")).isInstanceOf(RejectedExecutionException.class);
		this.release.countDown();
		pool.assertSettled(1);
		assertThat(ran).isFalse();
	}

	@ParameterizedTest
	@EnumSource
	void callerRunsPolicyRunsInlineOnTheCaller(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1, new SynchronousQueue<>(),
				new ThreadPoolExecutor.CallerRunsPolicy());
		occupyWorker(pool);
		Future<Thread> submitted = pool.executor.submit(Thread::currentThread);
		assertThat(submitted.isDone()).isTrue();
		assertThat(submitted.get()).isSameAs(Thread.currentThread());
		AtomicReference<Thread> executedOn = new AtomicReference<>();
		pool.executor.execute(() -> executedOn.set(Thread.currentThread()));
		assertThat(executedOn.get()).isSameAs(Thread.currentThread());
		// run inline, what the task throws comes out of execute: it left the queue once,
		// by running
		IllegalStateException failure = new IllegalStateException("thrown inline");
		assertThatThrownBy(() -> pool.executor.execute(() -> {
			throw failure;
		})).isSameAs(failure);
		this.release.countDown();
		pool.assertSettled(4);
	}

	@ParameterizedTest
	@EnumSource
	void invokeAllRunsEveryTaskAndKeepsTheirOrder(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 2);
		List<Future<Integer>> futures = pool.executor.invokeAll(List.of(() -> 1, () -> 2, () -> 3));
		assertThat(futures).allMatch(Future::isDone);
		assertThat(futures.stream().map(TrackingExecutorServiceTest::resultOf)).containsExactly(1, 2, 3);
		pool.assertSettled(3);
	}

	@ParameterizedTest
	@EnumSource
	void invokeAllWithTimeoutCancelsWhatHasNotFinished(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 2);
		pool.delegate.prestartAllCoreThreads();
		AtomicBoolean slowStarted = new AtomicBoolean();
		AtomicBoolean slowInterrupted = new AtomicBoolean();
		List<Callable<String>> tasks = List.of(() -> "fast", () -> {
			slowStarted.set(true);
			try {
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				return "slow";
			}
			catch (InterruptedException ex) {
				slowInterrupted.set(true);
				throw ex;
			}
		});
		List<Future<String>> futures = pool.executor.invokeAll(tasks, 1, TimeUnit.SECONDS);
		assertThat(futures.get(0).get()).isEqualTo("fast");
		assertThat(futures.get(1).isCancelled()).isTrue();
		// terminate so that every run has ended before the flags are read
		pool.executor.shutdown();
		assertThat(pool.executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// a loaded machine may not have started the slow task before the timeout; if it
		// did, cancel interrupted it
		assertThat(slowInterrupted.get()).isEqualTo(slowStarted.get());
		pool.assertSettled(slowStarted.get() ? 2 : 1);
	}

	@ParameterizedTest
	@EnumSource
	void invokeAnyReturnsTheFirstSuccessAndCancelsTheRest(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 3);
		CountDownLatch othersStarted = new CountDownLatch(2);
		CountDownLatch blockerEnded = new CountDownLatch(1);
		AtomicBoolean blockerInterrupted = new AtomicBoolean();
		List<Callable<String>> tasks = List.of(() -> {
			othersStarted.countDown();
			try {
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				return "blocker";
			}
			catch (InterruptedException ex) {
				blockerInterrupted.set(true);
				throw ex;
			}
			finally {
				blockerEnded.countDown();
			}
		}, () -> {
			othersStarted.countDown();
			throw new IllegalStateException("fails");
		}, () -> {
			// succeed only once the others run, so that every task runs exactly once
			awaitLatch(othersStarted);
			return "ok";
		});
		assertThat(pool.executor.invokeAny(tasks)).isEqualTo("ok");
		awaitLatch(blockerEnded);
		assertThat(blockerInterrupted).isTrue();
		pool.assertSettled(3);
	}

	@ParameterizedTest
	@EnumSource
	void invokeAnyWhenAllFailThrowsExecutionException(Flavour flavour) {
		FlavouredPool<ExecutorService> pool = open(flavour, 2);
		List<Callable<String>> tasks = List.of(failing("a"), failing("b"), failing("c"));
		assertThatThrownBy(() -> pool.executor.invokeAny(tasks)).isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("failure ");
		pool.assertSettled(3);
	}

	@ParameterizedTest
	@EnumSource
	void shutdownRunsQueuedTasksAndRejectsNewOnes(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1);
		occupyWorker(pool);
		AtomicInteger ran = new AtomicInteger();
		pool.executor.execute(ran::incrementAndGet);
		Future<?> submitted = pool.executor.submit(ran::incrementAndGet);
		pool.executor.shutdown();
		assertThat(pool.executor.isShutdown()).isTrue();
		assertThat(pool.executor.isTerminated()).isFalse();
		assertThatThrownBy(() -> pool.executor.execute(ran::incrementAndGet))
			.isInstanceOf(RejectedExecutionException.class);
		this.release.countDown();
		assertThat(pool.executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(pool.executor.isTerminated()).isTrue();
		assertThat(submitted.isDone()).isTrue();
		assertThat(ran).hasValue(2);
		pool.assertSettled(3);
	}

	@ParameterizedTest
	@EnumSource
	void shutdownNowReturnsTheCallersOwnTasks(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1);
		occupyWorker(pool);
		AtomicInteger ran = new AtomicInteger();
		Runnable first = ran::incrementAndGet;
		Runnable second = ran::incrementAndGet;
		pool.executor.execute(first);
		pool.executor.execute(second);
		Future<Integer> third = pool.executor.submit(ran::incrementAndGet);
		// execute'd tasks come back as given, submitted ones as the future the caller
		// holds
		assertThat(pool.executor.shutdownNow()).containsExactly(first, second, (Runnable) third);
		assertThat(pool.executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(ran).hasValue(0);
		assertThat(third.isDone()).isFalse();
		pool.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void purgeRemovesTasksCancelledWhileQueued(Flavour flavour) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1);
		occupyWorker(pool);
		AtomicInteger ran = new AtomicInteger();
		List<Future<?>> queued = List.of(pool.executor.submit(ran::incrementAndGet),
				pool.executor.submit(ran::incrementAndGet), pool.executor.submit(ran::incrementAndGet));
		if (pool.source != null) {
			assertThat(pool.source.queued()).isEqualTo(3);
		}
		queued.forEach((future) -> future.cancel(false));
		if (pool.source != null) {
			// purged futures never reach a worker: cancelling them must be what takes
			// them off the count
			assertThat(pool.source.queued()).isZero();
		}
		pool.delegate.purge();
		assertThat(pool.delegate.getQueue()).isEmpty();
		this.release.countDown();
		pool.assertSettled(1);
		assertThat(ran).hasValue(0);
	}

	static Stream<Arguments> discardingPolicies() {
		return Stream.of(Flavour.values())
			.flatMap((flavour) -> Stream.of(
					// drops each task that does not fit: the second and the third
					Arguments.of(flavour, new ThreadPoolExecutor.DiscardPolicy(), 1, false),
					// drops the queued task for each that does not fit: the first, then
					// the second
					Arguments.of(flavour, new ThreadPoolExecutor.DiscardOldestPolicy(), 100, true)));
	}

	@ParameterizedTest
	@MethodSource("discardingPolicies")
	void discardingPoliciesDropTasksAndFuturesWhenSaturated(Flavour flavour, RejectedExecutionHandler policy,
			int expectedRan, boolean futureRuns) throws Exception {
		FlavouredPool<ExecutorService> pool = open(flavour, 1, new ArrayBlockingQueue<>(1), policy);
		occupyWorker(pool);
		AtomicInteger ran = new AtomicInteger();
		pool.executor.execute(() -> ran.addAndGet(1)); // queued: the queue holds one
		pool.executor.execute(() -> ran.addAndGet(10));
		Future<?> future = pool.executor.submit(() -> ran.addAndGet(100));
		assertThat(pool.delegate.getRejectedExecutionHandler()).isInstanceOf(policy.getClass());
		this.release.countDown();
		pool.assertSettled(2);
		assertThat(ran).hasValue(expectedRan);
		assertThat(future.isDone()).isEqualTo(futureRuns);
	}

	@ParameterizedTest
	@EnumSource
	void discardingPoliciesDropWhatComesAfterShutdown(Flavour flavour) throws Exception {
		for (RejectedExecutionHandler policy : List.of(new ThreadPoolExecutor.DiscardPolicy(),
				new ThreadPoolExecutor.DiscardOldestPolicy(), new ThreadPoolExecutor.CallerRunsPolicy())) {
			FlavouredPool<ExecutorService> pool = open(flavour, 1, new LinkedBlockingQueue<>(), policy);
			pool.executor.shutdown();
			AtomicBoolean ran = new AtomicBoolean();
			pool.executor.execute(() -> ran.set(true));
			pool.assertSettled(0);
			pool.close();
			assertThat(ran).isFalse();
		}
	}

	@Test
	void countsQueuedTasksUntilTheyStart() throws Exception {
		FlavouredPool<ExecutorService> pool = open(Flavour.TRACKED, 1);
		occupyWorker(pool);
		pool.executor.execute(() -> {
		});
		pool.executor.submit(() -> "queued");
		assertThat(pool.source.queued()).isEqualTo(2);
		assertThat(pool.source.active()).isEqualTo(1);
		assertThat(pool.source.submittedCount()).isEqualTo(3);
		this.release.countDown();
		pool.assertSettled(3);
		assertThat(pool.source.dequeuedCount()).isEqualTo(3);
	}

	@Test
	void submitLabelCountsTheTaskUnderItsKindWithItsDescription() throws Exception {
		FlavouredPool<ExecutorService> pool = open(Flavour.TRACKED, 1);
		TaskTracker tracker = pool.source.tracker();
		CountDownLatch started = new CountDownLatch(1);
		SubmitLabel previous = SubmitLabel.apply(new SubmitLabel(TaskKind.ASYNC, "Foo.bar"));
		Future<?> future;
		try {
			future = pool.executor.submit(() -> {
				started.countDown();
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				return null;
			});
		}
		finally {
			SubmitLabel.restore(previous);
		}
		assertThat(SubmitLabel.current()).isNull();
		awaitLatch(started);
		TaskSource async = tracker.source("pool", TaskKind.ASYNC);
		assertThat(tracker.running()).singleElement().satisfies((task) -> {
			assertThat(task.source()).isSameAs(async);
			assertThat(task.description()).isEqualTo("Foo.bar");
		});
		assertThat(async.active()).isEqualTo(1);
		this.release.countDown();
		future.get(10, TimeUnit.SECONDS);
		await().atMost(TIMEOUT).until(() -> async.completed() == 1 && async.active() == 0);
		assertThat(async.queued()).isZero();
		// nothing was counted under the executor's own source
		assertThat(pool.source.submittedCount()).isZero();
		assertThat(pool.source.completed()).isZero();
	}

	@Test
	void submitLabelAlsoAppliesToExecute() throws Exception {
		FlavouredPool<ExecutorService> pool = open(Flavour.TRACKED, 1);
		TaskTracker tracker = pool.source.tracker();
		CountDownLatch ran = new CountDownLatch(1);
		SubmitLabel previous = SubmitLabel.apply(new SubmitLabel(TaskKind.ASYNC, "Foo.baz"));
		try {
			pool.executor.execute(ran::countDown);
		}
		finally {
			SubmitLabel.restore(previous);
		}
		awaitLatch(ran);
		TaskSource async = tracker.source("pool", TaskKind.ASYNC);
		await().atMost(TIMEOUT).until(() -> async.completed() == 1);
		assertThat(pool.source.completed()).isZero();
	}

	@Test
	void sourceIsTheOneGiven() {
		TaskSource source = new TaskTracker(false).source("given", TaskKind.EXECUTOR);
		ThreadPoolExecutor delegate = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		try {
			TrackingExecutorService executor = new TrackingExecutorService(delegate, source);
			assertThat(executor.source()).isSameAs(source);
			assertThat(executor).hasToString("Tracking[given]" + delegate);
		}
		finally {
			delegate.shutdownNow();
		}
	}

	private void occupyWorker(FlavouredPool<ExecutorService> pool) throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		pool.executor.submit(() -> {
			started.countDown();
			this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return null;
		});
		awaitLatch(started);
	}

	private FlavouredPool<ExecutorService> open(Flavour flavour, int threads) {
		return open(flavour, threads, new LinkedBlockingQueue<>(), new ThreadPoolExecutor.AbortPolicy());
	}

	private FlavouredPool<ExecutorService> open(Flavour flavour, int threads, BlockingQueue<Runnable> queue,
			RejectedExecutionHandler rejection) {
		this.pool = FlavouredPool.pool(flavour, threads, queue, rejection);
		return this.pool;
	}

	private static Callable<String> failing(String name) {
		return () -> {
			throw new IllegalStateException("failure " + name);
		};
	}

	private static <T> T resultOf(Future<T> future) {
		try {
			return future.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	static void awaitLatch(CountDownLatch latch) throws InterruptedException {
		assertThat(latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("latch reached").isTrue();
	}

}
