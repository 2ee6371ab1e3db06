package dev.leakwatch.core.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.leakwatch.core.task.TrackingExecutorServiceTest.awaitLatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The registry side of tracking: sources, the running-task view and the per-thread slots
 * behind it.
 */
class TaskTrackerTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How far behind System.nanoTime() the task clock may be: a tick, or however long the
	 * OS stalls its thread.
	 */
	private static final long CLOCK_SLACK_NANOS = Duration.ofSeconds(1).toNanos();

	/**
	 * Lets blocked tasks go; counted down after every test so that no task outlives it.
	 */
	private final CountDownLatch release = new CountDownLatch(1);

	private final List<ExecutorService> executors = new ArrayList<>();

	@AfterEach
	void shutDown() throws InterruptedException {
		this.release.countDown();
		for (ExecutorService executor : this.executors) {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void sourceIsCreatedOncePerNameAndKind() {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource orders = tracker.source("orders", TaskKind.EXECUTOR);
		assertThat(tracker.source("orders", TaskKind.EXECUTOR)).isSameAs(orders);
		assertThat(tracker.source("orders", TaskKind.ASYNC)).isNotSameAs(orders);
		assertThat(orders.name()).isEqualTo("orders");
		assertThat(orders.kind()).isEqualTo(TaskKind.EXECUTOR);
		assertThat(orders.tracker()).isSameAs(tracker);
		assertThat(orders).hasToString("orders[executor]");
		assertThat(tracker.sources()).hasSize(2);
		assertThatNullPointerException().isThrownBy(() -> tracker.source(null, TaskKind.EXECUTOR));
	}

	@Test
	void sourceListenerHearsOfExistingAndNewSources() {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource existing = tracker.source("existing", TaskKind.EXECUTOR);
		List<TaskSource> heard = new ArrayList<>();
		tracker.onSource(heard::add);
		TaskSource created = tracker.source("created", TaskKind.SCHEDULER);
		tracker.source("created", TaskKind.SCHEDULER);
		assertThat(heard).containsExactly(existing, created);
	}

	@Test
	void runningListsTheTaskWithItsDescriptionThreadAndSource() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource source = tracker.source("workers", TaskKind.EXECUTOR);
		NamedThreads threads = new NamedThreads("running-");
		ExecutorService executor = track(newPool(1, threads), source);
		CountDownLatch started = new CountDownLatch(1);
		long submittedAt = System.nanoTime();
		Future<?> future = executor.submit(new Blocking(started, this.release));
		awaitLatch(started);
		assertThat(tracker.running()).singleElement().satisfies((task) -> {
			assertThat(task.source()).isSameAs(source);
			assertThat(task.description()).isEqualTo("Blocking");
			assertThat(task.thread().getName()).isEqualTo("running-1");
			assertThat(task.submitNanos()).isBetween(submittedAt - CLOCK_SLACK_NANOS, System.nanoTime());
			assertThat(task.startNanos()).isGreaterThanOrEqualTo(task.submitNanos());
			assertThat(task.ageNanos(task.startNanos() + 5)).isEqualTo(5);
			assertThat(task.submitSite()).isEmpty();
		});
		this.release.countDown();
		future.get(10, TimeUnit.SECONDS);
		await().atMost(TIMEOUT).until(() -> tracker.running().isEmpty());
	}

	@Test
	void runningShowsTheTaskInvokeAnyRunsNotItsWrapper() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource source = tracker.source("workers", TaskKind.EXECUTOR);
		ExecutorService executor = track(newPool(1, new NamedThreads("any-")), source);
		ExecutorService caller = newPool(1, new NamedThreads("any-caller-"));
		CountDownLatch started = new CountDownLatch(1);
		Callable<Object> blocking = new Blocking(started, this.release);
		Future<Object> result = caller.submit(() -> executor.invokeAny(List.of(blocking)));
		awaitLatch(started);
		assertThat(tracker.running()).singleElement()
			.satisfies((task) -> assertThat(task.description()).isEqualTo("Blocking"));
		// one run, counted once, though ExecutorCompletionService wraps the task in a
		// future of its own
		assertThat(source.active()).isEqualTo(1);
		this.release.countDown();
		result.get(10, TimeUnit.SECONDS);
		await().atMost(TIMEOUT).until(() -> source.completed() == 1 && source.active() == 0);
		assertThat(tracker.running()).isEmpty();
	}

	@Test
	void callerRunsTaskNestsInsideTheTaskThatSubmittedIt() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource source = tracker.source("inline", TaskKind.EXECUTOR);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1),
				new NamedThreads("inline-"), new ThreadPoolExecutor.CallerRunsPolicy());
		ExecutorService executor = track(pool, source);
		CountDownLatch started = new CountDownLatch(1);
		executor.submit(new Blocking(started, this.release));
		awaitLatch(started);
		executor.submit(() -> "queued");
		// the queue is full, so a task executed from inside an outer run goes inline on
		// this thread
		List<RunningTask> seen = new ArrayList<>();
		tracker.trackRuns(source, () -> {
			seen.add(runningOnThisThread(tracker));
			executor.execute(() -> seen.add(runningOnThisThread(tracker)));
			seen.add(runningOnThisThread(tracker));
		}).run();
		assertThat(seen).hasSize(3);
		assertThat(seen.get(1).run()).isNotEqualTo(seen.get(0).run());
		// the inline run is part of the outer one, which is the outermost
		assertThat(seen.get(1).outermostRun()).isEqualTo(seen.get(0).run());
		assertThat(seen.get(0).outermostRun()).isEqualTo(seen.get(0).run());
		// once the inline task ends, the outer one is this thread's running task again
		assertThat(seen.get(2).run()).isEqualTo(seen.get(0).run());
		assertThat(seen.get(2).outermostRun()).isEqualTo(seen.get(0).run());
		assertThat(tracker.running()).noneMatch((task) -> task.thread() == Thread.currentThread());
		assertThat(source.completed()).isEqualTo(2);
	}

	@Test
	void aSampleNeverMixesTwoRuns() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource first = tracker.source("first", TaskKind.SCHEDULER);
		TaskSource second = tracker.source("second", TaskKind.SCHEDULER);
		// a sample read while one run ends and the next begins must show one run whole
		// or none: its source, its class and its number (the runner's runs alternate, the
		// first's numbered 1, 5, 9 and the second's 3, 7, 11)
		Runnable firstRun = tracker.trackRuns(first, new FirstTask());
		Runnable secondRun = tracker.trackRuns(second, new SecondTask());
		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		Thread runner = new Thread(() -> {
			while (System.nanoTime() < deadline) {
				firstRun.run();
				secondRun.run();
			}
		});
		runner.start();
		int seen = 0;
		while (runner.isAlive()) {
			for (RunningTask task : tracker.running()) {
				boolean isFirst = task.source() == first;
				assertThat(task.description()).isEqualTo(isFirst ? "FirstTask" : "SecondTask");
				assertThat(task.run() % 4).isEqualTo(isFirst ? 1 : 3);
				seen++;
			}
		}
		runner.join();
		assertThat(seen).as("runs seen while they ran").isPositive();
		assertThat(first.completed()).isEqualTo(second.completed()).isPositive();
	}

	@Test
	void aPoolsHooksEndOnlyTheRunTheyStarted() {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource source = tracker.source("hooks", TaskKind.EXECUTOR);
		SubmitTracking tracking = new SubmitTracking(source);
		Runnable task = new FirstTask();
		tracking.queued(task);
		tracking.beforeRun(task);
		tracking.afterRun(new SecondTask()); // a hook called for another task: ignored
		assertThat(tracker.running()).singleElement().satisfies((running) -> {
			assertThat(running.description()).isEqualTo("FirstTask");
			assertThat(running.thread()).isSameAs(Thread.currentThread());
		});
		assertThat(source.active()).isEqualTo(1);
		tracking.afterRun(task);
		tracking.afterRun(task); // once ended, a second call ends nothing
		assertThat(tracker.running()).isEmpty();
		assertThat(source.completed()).isEqualTo(1);
		assertThat(source.active()).isZero();
		assertThat(source.queued()).isZero();
	}

	@Test
	void aTaskAnotherExecutorWrappedLeavesThePoolsQueueWhenThePoolRunsIt() {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource pool = tracker.source("pool", TaskKind.EXECUTOR);
		TaskSource forwarder = tracker.source("forwarder", TaskKind.EXECUTOR);
		SubmitTracking tracking = new SubmitTracking(pool);
		// a tracked executor that hands its wrapped tasks on to the pool
		Runnable wrapped = tracker.trackRuns(forwarder, new FirstTask());
		tracking.queued(wrapped);
		tracking.beforeRun(wrapped);
		wrapped.run();
		tracking.afterRun(wrapped);
		assertThat(pool.queued()).isZero();
		assertThat(pool.completed()).isEqualTo(1);
		assertThat(forwarder.completed()).isEqualTo(1);
		assertThat(tracker.running()).isEmpty();
	}

	@Test
	void threadsWhoseIdsShareASlotEntryAreTrackedApart() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource source = tracker.source("shared-entry", TaskKind.EXECUTOR);
		CountDownLatch started = new CountDownLatch(2);
		Runnable blocking = tracker.trackRuns(source, () -> {
			started.countDown();
			try {
				awaitLatch(this.release);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		Thread one = new Thread(blocking);
		// thread ids are handed out in order: make threads until one's id falls on the
		// same entry
		Thread other;
		do {
			other = new Thread(blocking);
		}
		while ((other.getId() - one.getId()) % RunningSlots.BY_ID_SIZE != 0);
		one.start();
		other.start();
		awaitLatch(started);
		assertThat(tracker.running()).extracting(RunningTask::thread).containsExactlyInAnyOrder(one, other);
		assertThat(source.active()).isEqualTo(2);
		this.release.countDown();
		one.join(TIMEOUT.toMillis());
		other.join(TIMEOUT.toMillis());
		assertThat(source.completed()).isEqualTo(2);
		assertThat(tracker.running()).isEmpty();
	}

	@Test
	void slotsOfThreadsThatDiedAreForgotten() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		ThreadPoolExecutor pool = newPool(2, new NamedThreads("dying-"));
		pool.prestartAllCoreThreads();
		ExecutorService executor = track(pool, tracker.source("dying", TaskKind.EXECUTOR));
		// submitted from a thread of its own that ends: a submitter has a slot too, for
		// its counts
		Thread submitter = new Thread(() -> {
			try {
				executor.invokeAll(List.of(() -> 1, () -> 2, () -> 3, () -> 4));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		submitter.start();
		submitter.join(TIMEOUT.toMillis());
		assertThat(tracker.trackedThreads()).as("the submitter and one or two workers").isBetween(2, 3);
		executor.shutdown();
		assertThat(executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// running() is what prunes: the sampler calls it every interval
		await().atMost(TIMEOUT).until(() -> tracker.running().isEmpty() && tracker.trackedThreads() == 0);
	}

	@Test
	void virtualThreadsGiveTheirSlotBackWhenTheirTaskEnds() throws Throwable {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21");
		TaskTracker tracker = new TaskTracker(false);
		// compiled for Java 17: reach the JDK 21 factory reflectively
		ExecutorService virtual = (ExecutorService) MethodHandles.publicLookup()
			.findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
					MethodType.methodType(ExecutorService.class))
			.invoke();
		this.executors.add(virtual);
		TaskSource source = tracker.source("virtual", TaskKind.EXECUTOR);
		ExecutorService executor = new TrackingExecutorService(virtual, source);
		CountDownLatch started = new CountDownLatch(3);
		List<Future<Object>> futures = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			futures.add(executor.submit(new Blocking(started, this.release)));
		}
		awaitLatch(started);
		assertThat(tracker.running()).hasSize(3).allMatch((task) -> Threads.isVirtual(task.thread()));
		// the three virtual threads, and this thread, which submitted the tasks
		assertThat(tracker.trackedThreads()).isEqualTo(4);
		this.release.countDown();
		for (Future<Object> future : futures) {
			future.get(10, TimeUnit.SECONDS);
		}
		// no running() call needed: each virtual thread released its own slot, and this
		// thread's stays while it lives
		await().atMost(TIMEOUT).until(() -> tracker.trackedThreads() == 1);
		assertThat(source.completed()).isEqualTo(3);
	}

	@Test
	void platformThreadsAreNotVirtual() {
		assertThat(Threads.isVirtual(Thread.currentThread())).isFalse();
	}

	@Test
	void trackRunsCountsEveryRunAndNeverQueues() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource source = tracker.source("direct", TaskKind.SCHEDULER);
		Runnable runnable = tracker.trackRuns(source, () -> {
		});
		runnable.run();
		runnable.run();
		assertThat(tracker.trackRuns(source, () -> "called").call()).isEqualTo("called");
		assertThat(source.completed()).isEqualTo(3);
		assertThat(source.submittedCount()).isZero();
		assertThat(source.queued()).isZero();
		assertThat(source.active()).isZero();
	}

	@Test
	void closeIsIdempotentAndTrackingGoesOnAfterIt() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		tracker.close();
		tracker.close();
		TaskSource source = tracker.source("closed", TaskKind.EXECUTOR);
		ExecutorService executor = track(newPool(1, new NamedThreads("closed-")), source);
		long before = System.nanoTime();
		CountDownLatch started = new CountDownLatch(1);
		executor.submit(new Blocking(started, this.release));
		awaitLatch(started);
		RunningTask running = tracker.running().get(0);
		// another open tracker may keep the shared clock ticking: behind a little, never
		// ahead
		assertThat(running.submitNanos()).isBetween(before - CLOCK_SLACK_NANOS, System.nanoTime());
		assertThat(running.startNanos()).isBetween(running.submitNanos(), System.nanoTime());
		assertThat(source.active()).isEqualTo(1);
	}

	@Test
	void runThatThrowsIsStillCountedAsEnded() {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource source = tracker.source("throws", TaskKind.SCHEDULER);
		IllegalStateException failure = new IllegalStateException("fails");
		Runnable throwing = () -> {
			throw failure;
		};
		Runnable runnable = tracker.trackRuns(source, throwing);
		assertThat(catchThrowable(runnable::run)).isSameAs(failure);
		assertThat(source.completed()).isEqualTo(1);
		assertThat(source.active()).isZero();
		assertThat(tracker.running()).isEmpty();
	}

	@Test
	void unwrapGivesBackTheCallersTask() {
		TaskTracker tracker = new TaskTracker(false);
		Runnable task = () -> {
		};
		assertThat(TaskTracker.unwrap(tracker.trackRuns(tracker.source("s", TaskKind.SCHEDULER), task))).isSameAs(task);
		assertThat(TaskTracker.unwrap(task)).isSameAs(task);
	}

	@Test
	void submitSiteIsEmptyUnlessCaptureIsOn() throws Exception {
		assertThat(submitSiteOfARunningTask(false)).isEmpty();
	}

	@Test
	void submitSiteSkipsExecutorPlumbing() throws Exception {
		// this test lives in leakwatch's own package, whose frames capture skips too;
		// LeakDetectorTest checks that
		// the first frame is the submitting method
		List<StackTraceElement> site = submitSiteOfARunningTask(true);
		assertThat(site).isNotEmpty().hasSizeLessThanOrEqualTo(16);
		assertThat(site.get(0).getClassName()).doesNotStartWith("java.util.concurrent.")
			.doesNotStartWith("dev.leakwatch.core.task.");
	}

	private List<StackTraceElement> submitSiteOfARunningTask(boolean capture) throws Exception {
		TaskTracker tracker = new TaskTracker(capture);
		ExecutorService executor = track(newPool(1, new NamedThreads("site-")),
				tracker.source("site", TaskKind.EXECUTOR));
		CountDownLatch started = new CountDownLatch(1);
		executor.submit(new Blocking(started, this.release));
		awaitLatch(started);
		List<RunningTask> running = tracker.running();
		assertThat(running).hasSize(1);
		return running.get(0).submitSite();
	}

	private static RunningTask runningOnThisThread(TaskTracker tracker) {
		List<RunningTask> running = tracker.running()
			.stream()
			.filter((task) -> task.thread() == Thread.currentThread())
			.toList();
		assertThat(running).hasSize(1);
		return running.get(0);
	}

	private ExecutorService track(ThreadPoolExecutor pool, TaskSource source) {
		this.executors.add(pool);
		return new TrackingExecutorService(pool, source);
	}

	private ThreadPoolExecutor newPool(int threads, NamedThreads factory) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), factory);
		this.executors.add(pool);
		return pool;
	}

	/** A task with a class name of its own, so its description is predictable. */
	private static final class FirstTask implements Runnable {

		@Override
		public void run() {
		}

	}

	private static final class SecondTask implements Runnable {

		@Override
		public void run() {
		}

	}

	private static final class Blocking implements Callable<Object> {

		private final CountDownLatch started;

		private final CountDownLatch release;

		Blocking(CountDownLatch started, CountDownLatch release) {
			this.started = started;
			this.release = release;
		}

		@Override
		public Object call() throws InterruptedException {
			this.started.countDown();
			return this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

	}

}
