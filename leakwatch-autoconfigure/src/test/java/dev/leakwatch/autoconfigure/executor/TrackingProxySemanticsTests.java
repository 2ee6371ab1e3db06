package dev.leakwatch.autoconfigure.executor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.leakwatch.autoconfigure.AwaitRelease;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.ScheduledMethodRunnable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A tracked bean behaves as the bean it replaces: same type, same results, errors,
 * cancellation, rejection and shutdown, and its tracking state goes back to zero.
 */
class TrackingProxySemanticsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final TaskTracker tracker = new TaskTracker(false);

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final ExecutorTrackingPostProcessor postProcessor = new ExecutorTrackingPostProcessor(
			this.beanFactory.getBeanProvider(TaskTracker.class), Set::of);

	private final CountDownLatch release = new CountDownLatch(1);

	TrackingProxySemanticsTests() {
		this.beanFactory.registerSingleton("tracker", this.tracker);
		this.postProcessor.setBeanFactory(this.beanFactory);
	}

	@AfterEach
	void releaseBlockedTasks() {
		this.release.countDown();
	}

	@SuppressWarnings("unchecked")
	private <T> T track(T bean, String name) {
		return (T) this.postProcessor.postProcessAfterInitialization(bean, name);
	}

	@Test
	void poolKeepsItsTypeResultsAndErrors() throws Exception {
		ThreadPoolExecutor pool = track(newPool(2, new LinkedBlockingQueue<>()), "pool");
		try {
			assertThat(pool).isInstanceOf(TrackedExecutorBean.class);
			assertThat(pool.submit(() -> "done").get(10, TimeUnit.SECONDS)).isEqualTo("done");
			assertThat(pool.submit(() -> {
			}, "given").get(10, TimeUnit.SECONDS)).isEqualTo("given");
			Future<Object> failing = pool.submit(() -> {
				throw new IllegalStateException("boom");
			});
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(IllegalStateException.class);
			List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
			assertThat(pool.invokeAll(tasks)).extracting(Future::get).containsExactly(1, 2, 3);
			TaskSource source = source("pool", TaskKind.EXECUTOR);
			assertIdle(source, 6);
			assertThat(pool.invokeAny(tasks)).isIn(1, 2, 3);
			// invokeAny cancels the tasks it no longer needs: some never run, none stays
			// counted
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(source.completed()).isBetween(7L, 9L);
				assertThat(source.active()).isZero();
				assertThat(source.queued()).isZero();
			});
			assertThat(pool.getCorePoolSize()).isEqualTo(2);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void cancelledRejectedAndDrainedTasksLeaveNoCount() throws Exception {
		ThreadPoolExecutor pool = track(newPool(1, new LinkedBlockingQueue<>(2)), "small");
		TaskSource source = source("small", TaskKind.EXECUTOR);
		pool.execute(this::awaitRelease);
		await().atMost(WAIT).until(() -> source.active() == 1);
		Future<?> cancelled = pool.submit(() -> "never");
		Runnable queued = () -> {
		};
		pool.execute(queued);
		assertThat(source.queued()).isEqualTo(2);
		assertThat(cancelled.cancel(false)).isTrue();
		assertThat(source.queued()).isEqualTo(1);
		pool.purge();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> {
			pool.execute(() -> {
			});
			pool.execute(() -> {
			});
		});
		assertThat(source.queued()).isEqualTo(2);
		// remove() finds the caller's task although the pool holds it wrapped
		assertThat(pool.remove(queued)).isTrue();
		assertThat(source.queued()).isEqualTo(1);
		List<Runnable> drained = pool.shutdownNow();
		assertThat(drained).hasSize(1).allMatch((task) -> !(task.getClass().getName().contains("Tracked")));
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(source.queued()).isZero();
		assertThat(source.active()).isZero();
	}

	@Test
	void runningTaskIsVisibleWithItsThreadAndDescription() throws Exception {
		ThreadPoolExecutor pool = track(newPool(1, new SynchronousQueue<>()), "visible");
		try {
			pool.execute(new AwaitRelease(this.release));
			await().atMost(WAIT).until(() -> !this.tracker.running().isEmpty());
			RunningTask running = this.tracker.running().get(0);
			assertThat(running.source().name()).isEqualTo("visible");
			assertThat(running.description()).isEqualTo("AwaitRelease");
			assertThat(running.thread().getName()).startsWith("pool-");
			this.release.countDown();
			assertIdle(source("visible", TaskKind.EXECUTOR), 1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void scheduledPoolKeepsTimingAndCountsRuns() throws Exception {
		ScheduledThreadPoolExecutor scheduler = track(new ScheduledThreadPoolExecutor(1), "timer");
		try {
			assertThat(scheduler).isInstanceOf(TrackedExecutorBean.class);
			AtomicInteger runs = new AtomicInteger();
			ScheduledFuture<?> periodic = scheduler.scheduleAtFixedRate(runs::incrementAndGet, 0, 10,
					TimeUnit.MILLISECONDS);
			await().atMost(WAIT).until(() -> runs.get() >= 3);
			periodic.cancel(false);
			assertThat(scheduler.schedule(() -> "later", 20, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS))
				.isEqualTo("later");
			TaskSource source = source("timer", TaskKind.SCHEDULER);
			await().atMost(WAIT).until(() -> source.completed() >= 4 && source.active() == 0);
			assertThat(source.queued()).isZero();
		}
		finally {
			scheduler.shutdownNow();
		}
	}

	@Test
	void springExecutorAndSchedulerAreTracked() throws Exception {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.initialize();
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		ThreadPoolTaskExecutor trackedExecutor = track(executor, "springExecutor");
		ThreadPoolTaskScheduler trackedScheduler = track(scheduler, "springScheduler");
		try {
			assertThat(trackedExecutor.submitCompletable(() -> 7).get(10, TimeUnit.SECONDS)).isEqualTo(7);
			assertThat(trackedExecutor.submit(() -> 8).get(10, TimeUnit.SECONDS)).isEqualTo(8);
			assertIdle(source("springExecutor", TaskKind.EXECUTOR), 2);

			CountDownLatch ran = new CountDownLatch(1);
			Jobs jobs = new Jobs(ran);
			trackedScheduler.schedule(new ScheduledMethodRunnable(jobs, Jobs.class.getDeclaredMethod("nightly")),
					Instant.now());
			assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(jobs.seenDescription).isEqualTo("Jobs.nightly");
		}
		finally {
			trackedExecutor.shutdown();
			trackedScheduler.shutdown();
		}
	}

	@Test
	void springExecutorWithADiscardPolicyCountsWhatItDrops() throws Exception {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(1);
		executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
		executor.initialize();
		ThreadPoolTaskExecutor tracked = track(executor, "discarding");
		try {
			tracked.execute(new AwaitRelease(this.release));
			await().atMost(WAIT).until(() -> source("discarding", TaskKind.EXECUTOR).active() == 1);
			AtomicInteger ran = new AtomicInteger();
			tracked.execute(() -> ran.addAndGet(1)); // queued
			tracked.execute(() -> ran.addAndGet(10)); // dropped
			assertThat(source("discarding", TaskKind.EXECUTOR).queued()).isEqualTo(1);
			this.release.countDown();
			assertIdle(source("discarding", TaskKind.EXECUTOR), 2);
			assertThat(ran).hasValue(1);
		}
		finally {
			tracked.shutdown();
		}
	}

	private void assertIdle(TaskSource source, int completed) {
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(source.completed()).isEqualTo(completed);
			assertThat(source.active()).isZero();
			assertThat(source.queued()).isZero();
		});
	}

	private TaskSource source(String name, TaskKind kind) {
		return this.tracker.source(name, kind);
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadPoolExecutor newPool(int threads, java.util.concurrent.BlockingQueue<Runnable> queue) {
		return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, queue);
	}

	/**
	 * A bean with a scheduled method; records how leakwatch describes its running task.
	 */
	final class Jobs {

		private final CountDownLatch ran;

		private volatile String seenDescription;

		Jobs(CountDownLatch ran) {
			this.ran = ran;
		}

		void nightly() {
			this.seenDescription = TrackingProxySemanticsTests.this.tracker.running()
				.stream()
				.filter((task) -> task.thread() == Thread.currentThread())
				.map(RunningTask::description)
				.findFirst()
				.orElse("untracked");
			this.ran.countDown();
		}

	}

}
