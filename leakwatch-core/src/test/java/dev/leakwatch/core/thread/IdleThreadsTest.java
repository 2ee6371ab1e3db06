package dev.leakwatch.core.thread;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.core.task.NamedThreads;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.leakwatch.core.thread.BlockingCallsTest.stackOf;
import static dev.leakwatch.core.thread.StackGroupsTest.frame;
import static dev.leakwatch.core.thread.StackGroupsTest.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

/**
 * The default filters against the real threads they exist for, on the JDK the tests run
 * on: a filter that stops matching after a JDK change would turn every idle pool into
 * suspects.
 */
class IdleThreadsTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<ExecutorService> executors = new ArrayList<>();

	private Timer timer;

	@AfterEach
	void shutDown() throws InterruptedException {
		this.release.countDown();
		if (this.timer != null) {
			this.timer.cancel();
		}
		for (ExecutorService executor : this.executors) {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void idleThreadPoolWorkerIsIdle() throws Exception {
		ThreadPoolExecutor pool = track(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new NamedThreads("idle-pool-")));
		pool.submit(() -> "warm").get(10, TimeUnit.SECONDS);
		assertIdle(awaitParkedIn("idle-pool-1", "java.util.concurrent.ThreadPoolExecutor", "getTask"));
	}

	@Test
	void idleSchedulerWorkerIsIdle() throws Exception {
		ScheduledThreadPoolExecutor scheduler = track(
				new ScheduledThreadPoolExecutor(1, new NamedThreads("idle-sched-")));
		scheduler.prestartAllCoreThreads();
		assertIdle(awaitParkedIn("idle-sched-1", "java.util.concurrent.ThreadPoolExecutor", "getTask"));
	}

	@Test
	void idleForkJoinWorkerIsIdle() throws Exception {
		ForkJoinPool pool = track(new ForkJoinPool(1, (owner) -> {
			var worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(owner);
			worker.setName("idle-fj-1");
			return worker;
		}, null, false));
		pool.submit(() -> "warm").get(10, TimeUnit.SECONDS);
		assertIdle(awaitParkedIn("idle-fj-1", "java.util.concurrent.ForkJoinPool", "awaitWork"));
	}

	@Test
	void idleTimerIsIdle() {
		this.timer = new Timer("idle-timer", true);
		assertIdle(awaitParkedIn("idle-timer", "java.util.TimerThread", "mainLoop"));
	}

	@Test
	void jvmHousekeepingThreadsAreIdle() {
		List<String> housekeeping = List.of("Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner",
				"Notification Thread");
		List<ThreadStack> found = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, 64))
			.map(ThreadStack::of)
			.filter((thread) -> housekeeping.contains(thread.name()))
			.toList();
		assertThat(found).extracting(ThreadStack::name).contains("Reference Handler", "Signal Dispatcher");
		assertThat(found).allSatisfy(IdleThreadsTest::assertIdle);
	}

	@Test
	void threadWaitingInApplicationCodeIsNotIdle() {
		Thread waiting = new Thread(() -> {
			try {
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "app-waiter");
		waiting.setDaemon(true);
		waiting.start();
		ThreadStack stack = await().atMost(TIMEOUT)
			.until(() -> stackOf(waiting), (thread) -> thread.state() == Thread.State.TIMED_WAITING);
		assertThat(IdleThreads.isIdle(stack, IdleThreads.DEFAULTS)).isFalse();
	}

	@Test
	void taskClockThreadIsIdle() {
		try (TaskTracker tracker = new TaskTracker(false)) {
			Thread clock = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals(IdleThreads.CLOCK_THREAD_NAME))
				.findFirst()
				.orElseThrow();
			assertThat(IdleThreads.isIdle(stackOf(clock), IdleThreads.DEFAULTS)).isTrue();
		}
	}

	@Test
	void samplerThreadIsIdleByName() {
		ThreadStack sampler = thread(1, IdleThreads.SAMPLER_THREAD_NAME, Thread.State.RUNNABLE,
				List.of(frame("dev.leakwatch.core.detect.LeakDetector", "sample", 1)));
		assertThat(IdleThreads.isIdle(sampler, IdleThreads.DEFAULTS)).isTrue();
	}

	@Test
	void namedFiltersMatchWhatTheirNameSays() {
		IdleThreadFilter byFrame = IdleThreadFilter.frame("com.example.Poller", "poll");
		IdleThreadFilter byName = IdleThreadFilter.threadName("housekeeper");
		assertThat(byFrame.name()).isEqualTo("frame com.example.Poller.poll");
		assertThat(byName.name()).isEqualTo("thread housekeeper");
		ThreadStack polling = thread(1, "poller-1", Thread.State.WAITING,
				List.of(frame("java.lang.Object", "wait", 1), frame("com.example.Poller", "poll", 2)));
		assertThat(byFrame.matches().test(polling)).isTrue();
		assertThat(byName.matches().test(polling)).isFalse();
		assertThat(byName.matches().test(thread(2, "housekeeper", Thread.State.WAITING, List.of()))).isTrue();
		assertThatNullPointerException().isThrownBy(() -> new IdleThreadFilter(null, (thread) -> true));
	}

	@Test
	void extraFiltersComeAfterTheDefaults() {
		IdleThreadFilter extra = IdleThreadFilter.threadName("mine");
		List<IdleThreadFilter> filters = IdleThreads.defaultsAnd(List.of(extra));
		assertThat(filters).hasSize(IdleThreads.DEFAULTS.size() + 1).endsWith(extra);
		assertThat(filters).startsWith(IdleThreads.DEFAULTS.toArray(new IdleThreadFilter[0]));
		ThreadStack mine = thread(1, "mine", Thread.State.WAITING, List.of(frame("com.example.App", "work", 1)));
		assertThat(IdleThreads.isIdle(mine, IdleThreads.DEFAULTS)).isFalse();
		assertThat(IdleThreads.isIdle(mine, filters)).isTrue();
	}

	@Test
	void threadStackFrameLookups() {
		ThreadStack stack = thread(1, "t", Thread.State.WAITING,
				List.of(frame("java.lang.Object", "wait", -2), frame("com.example.Poller", "poll", 12)));
		assertThat(stack.hasFrame("com.example.Poller", "poll")).isTrue();
		assertThat(stack.hasFrame("com.example.Poller", "wait")).isFalse();
		assertThat(stack.hasFrameIn("com.example.")).isTrue();
		assertThat(stack.hasFrameIn("org.example.")).isFalse();
		assertThat(stack.frameLines()).containsExactly("java.lang.Object.wait(Native Method)",
				"com.example.Poller.poll(Poller.java:12)");
	}

	private static void assertIdle(ThreadStack thread) {
		assertThat(IdleThreads.isIdle(thread, IdleThreads.DEFAULTS))
			.as("%s idle, stack %s", thread.name(), thread.frameLines())
			.isTrue();
	}

	private static ThreadStack awaitParkedIn(String threadName, String className, String methodName) {
		return await().atMost(TIMEOUT)
			.until(() -> stackNamed(threadName), (thread) -> thread != null && thread.hasFrame(className, methodName)
					&& thread.state() != Thread.State.RUNNABLE);
	}

	private static ThreadStack stackNamed(String threadName) {
		for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, 64)) {
			if (info.getThreadName().equals(threadName)) {
				return ThreadStack.of(info);
			}
		}
		return null;
	}

	private <E extends ExecutorService> E track(E executor) {
		this.executors.add(executor);
		return executor;
	}

}
