package dev.leakwatch.autoconfigure.executor;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.leakwatch.autoconfigure.AwaitRelease;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

/**
 * What a tracked executor hands out about itself is what the raw executor would: the
 * causes of the JSR-166 TCK's failures on tracked beans, one test each (the TCK itself
 * cannot run in CI).
 */
class TakenOverExecutorIdentityTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final TaskTracker tracker = new TaskTracker(false);

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final ExecutorTrackingPostProcessor postProcessor = new ExecutorTrackingPostProcessor(
			this.beanFactory.getBeanProvider(TaskTracker.class), Set::of);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<ExecutorService> started = new java.util.concurrent.CopyOnWriteArrayList<>();

	TakenOverExecutorIdentityTests() {
		this.beanFactory.registerSingleton("tracker", this.tracker);
		this.postProcessor.setBeanFactory(this.beanFactory);
	}

	@AfterEach
	void stopExecutors() {
		this.release.countDown();
		this.started.forEach(ExecutorService::shutdownNow);
	}

	@Test
	void submitOfNullThrowsNullPointerExceptionWhicheverOverload() {
		ThreadPoolExecutor pool = track(newPool(new ArrayBlockingQueue<>(4)), "pool");
		ExecutorService declared = trackDeclared(
				Executors.unconfigurableExecutorService(stopLater(newPool(new ArrayBlockingQueue<>(4)))), "declared");
		for (ExecutorService executor : List.of(pool, declared)) {
			assertThatNullPointerException().isThrownBy(() -> executor.submit((Runnable) null));
			assertThatNullPointerException().isThrownBy(() -> executor.submit((Callable<?>) null));
			assertThatNullPointerException().isThrownBy(() -> executor.submit(null, "result"));
		}
	}

	@Test
	void rejectionPolicyIsGivenTheBeanAndStaysTheUsersOwn() {
		AtomicReference<ThreadPoolExecutor> rejectedBy = new AtomicReference<>();
		RejectedExecutionHandler policy = (task, executor) -> rejectedBy.set(executor);
		ThreadPoolExecutor raw = newPool(new ArrayBlockingQueue<>(4));
		raw.setRejectedExecutionHandler(policy);
		ThreadPoolExecutor pool = track(raw, "pool");
		ScheduledThreadPoolExecutor scheduler = track(new ScheduledThreadPoolExecutor(1, policy), "scheduler");
		assertThat(pool.getRejectedExecutionHandler()).isSameAs(policy);
		pool.shutdown();
		pool.execute(() -> {
		});
		assertThat(rejectedBy.get()).isSameAs(pool);
		scheduler.shutdown();
		scheduler.schedule(() -> {
		}, 1, TimeUnit.SECONDS);
		assertThat(rejectedBy.get()).isSameAs(scheduler);
		assertThat(source("pool").queued()).isZero();
	}

	@Test
	void queueHoldsTheTasksAsSubmittedAndRemoveTakesThemOut() {
		BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(4);
		ThreadPoolExecutor pool = track(newPool(queue), "pool");
		pool.execute(new AwaitRelease(this.release));
		Runnable first = () -> {
		};
		Runnable second = () -> {
		};
		pool.execute(first);
		pool.execute(second);
		assertThat(pool.getQueue()).isSameAs(queue).containsExactly(first, second);
		assertThat(pool.remove(first)).isTrue();
		assertThat(queue).containsExactly(second);
		assertThat(pool.shutdownNow()).containsExactly(second);
		// the first task leaves the count when its worker starts it, which a loaded
		// machine may delay
		await().atMost(Duration.ofSeconds(10)).until(() -> source("pool").queued() == 0);
	}

	@Test
	void discardOldestDropsTheOldestQueuedTask() {
		ThreadPoolExecutor raw = newPool(new ArrayBlockingQueue<>(1));
		raw.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardOldestPolicy());
		ThreadPoolExecutor pool = track(raw, "pool");
		pool.execute(new AwaitRelease(this.release));
		await().atMost(WAIT).until(() -> source("pool").active() == 1);
		Runnable oldest = () -> {
		};
		Runnable newest = () -> {
		};
		pool.execute(oldest);
		pool.execute(newest);
		assertThat(pool.getQueue()).containsExactly(newest);
		assertThat(source("pool").queued()).isEqualTo(1);
	}

	@Test
	void purgeDropsCancelledFuturesGivenToExecute() {
		BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(4);
		ThreadPoolExecutor pool = track(newPool(queue), "pool");
		pool.execute(new AwaitRelease(this.release));
		await().atMost(WAIT).until(() -> source("pool").active() == 1);
		FutureTask<String> cancelled = new FutureTask<>(() -> "never");
		FutureTask<String> kept = new FutureTask<>(() -> "later");
		pool.execute(cancelled);
		pool.execute(kept);
		cancelled.cancel(false);
		pool.purge();
		assertThat(queue).containsExactly(kept);
		assertThat(pool.getTaskCount()).isEqualTo(2);
		assertThat(source("pool").queued()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(classes = { HookedPool.class, InheritedHooksPool.class })
	void subclassFieldsAndHooksAreTheBeans(Class<? extends HookedPool> poolClass) throws Exception {
		// hooks declared by the bean's class, or by a class between it and the JDK's
		HookedPool pool = track(poolClass.getConstructor().newInstance(), "hooked");
		Runnable task = () -> {
		};
		pool.execute(task);
		assertThat(pool.afterRan.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(pool.seenBefore).isSameAs(task);
		assertThat(pool.seenAfter).isSameAs(task);
		pool.shutdown();
		assertThat(pool.terminatedCalled.await(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(WAIT).until(() -> source("hooked").completed() == 1);
	}

	@Test
	void countsAndTextAreThePoolsOwn() {
		ThreadPoolExecutor pool = track(newPool(new ArrayBlockingQueue<>(4)), "pool");
		pool.execute(new AwaitRelease(this.release));
		pool.execute(() -> {
		});
		await().atMost(WAIT).until(() -> pool.getActiveCount() == 1);
		assertThat(pool.getTaskCount()).isEqualTo(2);
		assertThat(pool.getLargestPoolSize()).isEqualTo(1);
		assertThat(pool.toString()).startsWith(ThreadPoolExecutor.class.getName() + "@")
			.endsWith("[Running, pool size = 1, active threads = 1, queued tasks = 1, completed tasks = 0]");
		assertThat(source("pool").active()).isEqualTo(1);
		assertThat(source("pool").queued()).isEqualTo(1);
	}

	@Test
	void withSubmitSiteCaptureARunKeepsWhereItWasExecutedFrom() {
		TaskTracker capturing = new TaskTracker(true);
		DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
		factory.registerSingleton("tracker", capturing);
		ThreadPoolExecutor pool = stopLater(
				(ThreadPoolExecutor) new ExecutorTrackingPostProcessor(factory.getBeanProvider(TaskTracker.class),
						Set::of)
					.postProcessAfterInitialization(newPool(new ArrayBlockingQueue<>(4)), "capturing"));
		pool.execute(new AwaitRelease(this.release));
		await().atMost(WAIT).until(() -> capturing.running().size() == 1);
		// this test's own frames count as leakwatch's (its package), so the site starts
		// in JUnit, which called it
		assertThat(capturing.running().get(0).submitSite()).isNotEmpty()
			.allSatisfy((frame) -> assertThat(frame.getClassName()).doesNotStartWith("dev.leakwatch"));
	}

	private ThreadPoolExecutor newPool(BlockingQueue<Runnable> queue) {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue);
	}

	private <T extends ExecutorService> T stopLater(T executor) {
		this.started.add(executor);
		return executor;
	}

	@SuppressWarnings("unchecked")
	private <T extends ExecutorService> T track(T executor, String name) {
		T bean = (T) this.postProcessor.postProcessAfterInitialization(executor, name);
		assertThat(bean).isInstanceOf(TrackedExecutorBean.class);
		return stopLater(bean);
	}

	private ExecutorService trackDeclared(ExecutorService executor, String name) {
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setTargetType(ExecutorService.class);
		this.beanFactory.registerBeanDefinition(name, definition);
		return track(executor, name);
	}

	private TaskSource source(String name) {
		return this.tracker.source(name, TaskKind.EXECUTOR);
	}

	/**
	 * A user's pool subclass with fields and hooks of its own, set up by its constructor.
	 */
	public static class HookedPool extends ThreadPoolExecutor {

		final CountDownLatch afterRan = new CountDownLatch(1);

		final CountDownLatch terminatedCalled = new CountDownLatch(1);

		volatile Runnable seenBefore;

		volatile Runnable seenAfter;

		public HookedPool() {
			super(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
		}

		@Override
		protected void beforeExecute(Thread thread, Runnable task) {
			this.seenBefore = task;
		}

		@Override
		protected void afterExecute(Runnable task, Throwable failure) {
			this.seenAfter = task;
			this.afterRan.countDown();
		}

		@Override
		protected void terminated() {
			this.terminatedCalled.countDown();
		}

	}

	/** A pool whose hooks its superclass declares. */
	public static class InheritedHooksPool extends HookedPool {

	}

}
