package dev.leakwatch.core.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.leakwatch.core.task.FlavouredPool.Flavour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.leakwatch.core.task.TrackingExecutorServiceTest.awaitLatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The same cases against a raw {@link ScheduledThreadPoolExecutor} and a
 * {@link TrackingScheduledExecutorService} wrapping one: delays, periods, failures and
 * lifecycle behave alike, and every run is counted once.
 */
class TrackingScheduledExecutorServiceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Lets blocked tasks go; counted down after every test so that no task outlives it.
	 */
	private final CountDownLatch release = new CountDownLatch(1);

	private FlavouredPool<ScheduledExecutorService> scheduler;

	@AfterEach
	void closeScheduler() throws InterruptedException {
		this.release.countDown();
		if (this.scheduler != null) {
			this.scheduler.close();
		}
	}

	@ParameterizedTest
	@EnumSource
	void scheduledRunnableWaitsForItsDelay(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		AtomicLong ranAt = new AtomicLong();
		long scheduledAt = System.nanoTime();
		ScheduledFuture<?> future = scheduler.executor.schedule(() -> ranAt.set(System.nanoTime()), 200,
				TimeUnit.MILLISECONDS);
		assertThat(future.get(10, TimeUnit.SECONDS)).isNull();
		assertThat(ranAt.get() - scheduledAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
		scheduler.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void scheduledCallableReturnsItsResult(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		ScheduledFuture<String> future = scheduler.executor.schedule(() -> "done", 50, TimeUnit.MILLISECONDS);
		assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo("done");
		scheduler.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void scheduledCallableExceptionSurfacesAsExecutionExceptionCause(Flavour flavour) {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		IllegalStateException failure = new IllegalStateException("task failed");
		ScheduledFuture<Object> future = scheduler.executor.schedule(() -> {
			throw failure;
		}, 10, TimeUnit.MILLISECONDS);
		assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.cause()
			.isSameAs(failure);
		scheduler.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void fixedRateRunsUntilCancelled(Flavour flavour) {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> future = scheduler.executor.scheduleAtFixedRate(runs::incrementAndGet, 0, 10,
				TimeUnit.MILLISECONDS);
		await().atMost(TIMEOUT).until(() -> runs.get() >= 5);
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		assertThatThrownBy(future::get).isInstanceOf(CancellationException.class);
		scheduler.assertSettled(runs::get);
	}

	@ParameterizedTest
	@EnumSource
	void fixedDelayRunsUntilCancelled(Flavour flavour) {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> future = scheduler.executor.scheduleWithFixedDelay(runs::incrementAndGet, 0, 10,
				TimeUnit.MILLISECONDS);
		await().atMost(TIMEOUT).until(() -> runs.get() >= 5);
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		scheduler.assertSettled(runs::get);
	}

	@ParameterizedTest
	@EnumSource
	void periodicTaskThatThrowsIsNotRescheduled(Flavour flavour) {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		AtomicInteger runs = new AtomicInteger();
		IllegalStateException failure = new IllegalStateException("third run fails");
		ScheduledFuture<?> future = scheduler.executor.scheduleAtFixedRate(() -> {
			if (runs.incrementAndGet() == 3) {
				throw failure;
			}
		}, 0, 10, TimeUnit.MILLISECONDS);
		assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.cause()
			.isSameAs(failure);
		assertThat(future.isDone()).isTrue();
		assertThat(future.isCancelled()).isFalse();
		// not put back in the queue, so it can never run again
		await().atMost(TIMEOUT).until(() -> scheduler.delegate.getActiveCount() == 0);
		assertThat(scheduler.delegate.getQueue()).isEmpty();
		assertThat(runs).hasValue(3);
		scheduler.assertSettled(3);
	}

	@ParameterizedTest
	@EnumSource
	void taskCancelledBeforeItsDelayNeverRuns(Flavour flavour) {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		AtomicBoolean ran = new AtomicBoolean();
		ScheduledFuture<?> future = scheduler.executor.schedule(() -> ran.set(true), 1, TimeUnit.HOURS);
		assertThat(future.getDelay(TimeUnit.MINUTES)).isPositive();
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		scheduler.delegate.purge();
		assertThat(scheduler.delegate.getQueue()).isEmpty();
		assertThat(ran).isFalse();
		scheduler.assertSettled(0);
	}

	@ParameterizedTest
	@EnumSource
	void cancelWhileRunningInterruptsTheTask(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch ended = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		ScheduledFuture<?> future = scheduler.executor.schedule(() -> {
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
		}, 10, TimeUnit.MILLISECONDS);
		awaitLatch(started);
		assertThat(future.cancel(true)).isTrue();
		awaitLatch(ended);
		assertThat(interrupted).isTrue();
		scheduler.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void shutdownRunsDelayedTasksAndCancelsPeriodicOnes(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		AtomicBoolean delayedRan = new AtomicBoolean();
		ScheduledFuture<?> delayed = scheduler.executor.schedule(() -> delayedRan.set(true), 100,
				TimeUnit.MILLISECONDS);
		ScheduledFuture<?> periodic = scheduler.executor.scheduleAtFixedRate(() -> {
		}, 1, 1, TimeUnit.HOURS);
		scheduler.executor.shutdown();
		assertThat(scheduler.executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(delayedRan).isTrue();
		assertThat(delayed.isDone()).isTrue();
		assertThat(periodic.isCancelled()).isTrue();
		scheduler.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void shutdownNowReturnsThePendingScheduledFutures(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		AtomicBoolean ran = new AtomicBoolean();
		ScheduledFuture<?> runnable = scheduler.executor.schedule(() -> ran.set(true), 1, TimeUnit.HOURS);
		ScheduledFuture<String> callable = scheduler.executor.schedule(() -> "later", 2, TimeUnit.HOURS);
		ScheduledFuture<?> periodic = scheduler.executor.scheduleAtFixedRate(() -> ran.set(true), 3, 1, TimeUnit.HOURS);
		// a scheduler hands back the futures schedule returned, which the caller can
		// still run or inspect
		assertThat(scheduler.executor.shutdownNow()).containsExactlyInAnyOrder((Runnable) runnable, (Runnable) callable,
				(Runnable) periodic);
		assertThat(scheduler.executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(ran).isFalse();
		scheduler.assertSettled(0);
	}

	@ParameterizedTest
	@EnumSource
	void executeAndSubmitRunAtOnce(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		CountDownLatch executed = new CountDownLatch(1);
		scheduler.executor.execute(executed::countDown);
		awaitLatch(executed);
		assertThat(scheduler.executor.submit(() -> "submitted").get(10, TimeUnit.SECONDS)).isEqualTo("submitted");
		scheduler.assertSettled(2);
	}

	@ParameterizedTest
	@EnumSource
	void shutdownNowReturnsTheCallersSubmittedFutures(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		CountDownLatch started = new CountDownLatch(1);
		scheduler.executor.submit(() -> {
			started.countDown();
			return this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		});
		awaitLatch(started);
		Future<String> submitted = scheduler.executor.submit(() -> "never");
		assertThat(scheduler.executor.shutdownNow()).containsExactly((Runnable) submitted);
		assertThat(scheduler.executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(submitted.isDone()).isFalse();
		scheduler.assertSettled(1);
	}

	@ParameterizedTest
	@EnumSource
	void submittedTaskCancelledBeforeItStartsNeverRuns(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		CountDownLatch started = new CountDownLatch(1);
		scheduler.executor.execute(() -> {
			started.countDown();
			try {
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		awaitLatch(started);
		AtomicBoolean ran = new AtomicBoolean();
		Future<?> queued = scheduler.executor.submit(() -> ran.set(true));
		assertThat(queued.cancel(false)).isTrue();
		// the caller's future is the scheduler's own, so purge can find it
		scheduler.delegate.purge();
		assertThat(scheduler.delegate.getQueue()).isEmpty();
		this.release.countDown();
		scheduler.assertSettled(1);
		assertThat(ran).isFalse();
	}

	@ParameterizedTest
	@EnumSource
	void invokeAllAndInvokeAnyCountEveryRunOnce(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 2);
		assertThat(scheduler.executor.invokeAll(List.of(() -> 1, () -> 2))).allMatch(Future::isDone);
		List<Callable<String>> any = List.of(() -> "any");
		assertThat(scheduler.executor.invokeAny(any)).isEqualTo("any");
		scheduler.assertSettled(3);
	}

	@ParameterizedTest
	@EnumSource
	void invokeAllWithTimeoutCancelsTasksThatHaveNotStarted(Flavour flavour) throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(flavour, 1);
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean secondRan = new AtomicBoolean();
		List<Callable<Boolean>> tasks = List.of(() -> {
			started.countDown();
			return this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}, () -> secondRan.getAndSet(true));
		// one thread, held by the first task: the second cannot start before the timeout
		List<Future<Boolean>> futures = scheduler.executor.invokeAll(tasks, 300, TimeUnit.MILLISECONDS);
		assertThat(futures).allMatch(Future::isCancelled);
		scheduler.executor.shutdown();
		assertThat(scheduler.executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(secondRan).isFalse();
		// the first ran, unless a loaded machine had not started it by the timeout; the
		// second was dequeued
		// unrun and is no run
		scheduler.assertSettled((started.getCount() == 0) ? 1 : 0);
	}

	@Test
	void submitLabelAppliesToTasksRunAtOnce() throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(Flavour.TRACKED, 1);
		TaskTracker tracker = scheduler.source.tracker();
		CountDownLatch started = new CountDownLatch(1);
		SubmitLabel previous = SubmitLabel.apply(new SubmitLabel(TaskKind.ASYNC, "Jobs.run"));
		try {
			scheduler.executor.submit(() -> {
				started.countDown();
				return this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			});
			scheduler.executor.execute(() -> {
			});
		}
		finally {
			SubmitLabel.restore(previous);
		}
		awaitLatch(started);
		TaskSource async = tracker.source("scheduler", TaskKind.ASYNC);
		assertThat(tracker.running()).singleElement().satisfies((task) -> {
			assertThat(task.source()).isSameAs(async);
			assertThat(task.description()).isEqualTo("Jobs.run");
		});
		this.release.countDown();
		await().atMost(TIMEOUT).until(() -> async.completed() == 2 && async.active() == 0);
		assertThat(scheduler.source.completed()).isZero();
	}

	@Test
	void periodicRunsAreTrackedWhileRunning() throws Exception {
		FlavouredPool<ScheduledExecutorService> scheduler = open(Flavour.TRACKED, 1);
		CountDownLatch started = new CountDownLatch(1);
		ScheduledFuture<?> future = scheduler.executor.scheduleWithFixedDelay(() -> {
			started.countDown();
			try {
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, 0, 10, TimeUnit.MILLISECONDS);
		awaitLatch(started);
		TaskTracker tracker = scheduler.source.tracker();
		assertThat(tracker.running()).singleElement().satisfies((task) -> {
			assertThat(task.source()).isSameAs(scheduler.source);
			assertThat(task.thread().getName()).startsWith(scheduler.threads.prefix());
		});
		// scheduled tasks are never counted as queued, even while one waits for its next
		// run
		assertThat(scheduler.source.queued()).isZero();
		assertThat(scheduler.source.active()).isEqualTo(1);
		future.cancel(false);
		this.release.countDown();
		await().atMost(TIMEOUT).until(() -> tracker.running().isEmpty());
	}

	private FlavouredPool<ScheduledExecutorService> open(Flavour flavour, int threads) {
		this.scheduler = FlavouredPool.scheduler(flavour, threads);
		return this.scheduler;
	}

}
