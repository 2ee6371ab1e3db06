package dev.leakwatch.core.detect;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.LeakReportTextFormatter;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.NamedThreads;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.task.TrackingExecutorService;
import dev.leakwatch.core.task.TrackingScheduledExecutorService;
import dev.leakwatch.core.thread.StackGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leak rules against real threads, with a short threshold and the samples taken by
 * the test itself.
 * <p>
 * The one deadlock test leaves two deadlocked daemon threads behind for the rest of the
 * JVM: nothing can release them. Every other assertion about suspects looks only at its
 * own source or leaves those two threads out.
 */
class LeakDetectorTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration THRESHOLD = Duration.ofMillis(300);

	private static final DetectorSettings SETTINGS = DetectorSettings.defaults()
		.withTiming(THRESHOLD, Duration.ofMillis(100));

	/** The names of this JVM's one deliberate deadlock. */
	private static final String DEADLOCK_PREFIX = "leakwatch-test-deadlock-";

	/** Nobody takes from it: a put blocks until the pool's shutdownNow interrupts it. */
	private final SynchronousQueue<String> noTaker = new SynchronousQueue<>();

	private final List<ExecutorService> executors = new ArrayList<>();

	@AfterEach
	void shutDown() throws InterruptedException {
		for (ExecutorService executor : this.executors) {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void taskBlockedOnAPutWithNoTakerIsStuck() {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService executor = tracked(tracker, "orders", 1, "stuck-");
		executor.submit(blockedPut());
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		Suspect stuck = awaitSuspect(detector, SuspectKind.STUCK_TASK, "orders", (suspect) -> true);
		assertThat(stuck.task()).isEqualTo("LeakDetectorTest$$Lambda");
		assertThat(stuck.count()).isEqualTo(1);
		assertThat(stuck.threads()).containsExactly("stuck-1");
		assertThat(stuck.state()).isEqualTo(Thread.State.WAITING);
		assertThat(stuck.stack()).anyMatch((line) -> line.contains("java.util.concurrent.SynchronousQueue.put("));
		assertThat(stuck.oldestAgeSeconds()).isGreaterThanOrEqualTo(0.3);
		assertThat(stuck.submittedFrom()).isEmpty();
		TaskSource orders = tracker.source("orders", TaskKind.EXECUTOR);
		assertThat(detector.latest().stats(orders).stuck()).isEqualTo(1);
		// a report takes a fresh dump and judges it against the last sample: the task is
		// still stuck
		LeakReport report = detector.report();
		assertThat(report.stuckThresholdSeconds()).isEqualTo(0.3);
		assertThat(find(report.suspects(), SuspectKind.STUCK_TASK, "orders"))
			.hasValueSatisfying((suspect) -> assertThat(suspect.threads()).containsExactly("stuck-1"));
		assertThat(report.sources()).filteredOn((source) -> source.source().equals("orders"))
			.singleElement()
			.satisfies((source) -> {
				assertThat(source.kind()).isEqualTo("executor");
				assertThat(source.active()).isEqualTo(1);
				assertThat(source.queued()).isZero();
				assertThat(source.stuck()).isEqualTo(1);
				assertThat(source.oldestAgeSeconds()).isGreaterThanOrEqualTo(0.3);
			});
	}

	@Test
	void stuckNeedsTheSameStackInTwoConsecutiveSamples() {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService executor = tracked(tracker, "orders", 1, "twice-");
		executor.submit(blockedPut());
		// past the threshold and parked, but never sampled: one look cannot tell a stuck
		// task from a slow one
		await().atMost(TIMEOUT)
			.until(() -> tracker.running()
				.stream()
				.anyMatch((task) -> task.ageNanos(System.nanoTime()) > THRESHOLD.toNanos()
						&& stateOf(task.thread()) == Thread.State.WAITING));
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		assertThat(find(detector.sample().suspects(), SuspectKind.STUCK_TASK, "orders")).isEmpty();
		assertThat(find(detector.sample().suspects(), SuspectKind.STUCK_TASK, "orders")).isPresent();
	}

	@Test
	void reportIsAsFreshAsTheRequest() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService executor = tracked(tracker, "orders", 1, "fresh-");
		SynchronousQueue<String> handoff = new SynchronousQueue<>();
		executor.submit(() -> {
			handoff.put("taken late");
			return null;
		});
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		awaitSuspect(detector, SuspectKind.STUCK_TASK, "orders", (suspect) -> true);
		assertThat(handoff.poll(10, TimeUnit.SECONDS)).isEqualTo("taken late");
		TaskSource orders = tracker.source("orders", TaskKind.EXECUTOR);
		await().atMost(TIMEOUT).until(() -> orders.completed() == 1 && tracker.running().isEmpty());
		// the last sample still holds the suspect; a report made now does not
		assertThat(find(detector.latest().suspects(), SuspectKind.STUCK_TASK, "orders")).isPresent();
		LeakReport report = detector.report();
		assertThat(find(report.suspects(), SuspectKind.STUCK_TASK, "orders")).isEmpty();
		assertThat(report.sources()).filteredOn((source) -> source.source().equals("orders"))
			.singleElement()
			.satisfies((source) -> {
				assertThat(source.active()).isZero();
				assertThat(source.stuck()).isZero();
				assertThat(source.completed()).isEqualTo(1);
			});
	}

	@Test
	void taskQueuedBehindAStuckOneStarves() {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService executor = tracked(tracker, "orders", 1, "starved-");
		executor.submit(blockedPut());
		executor.submit(() -> "waits behind it");
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		Suspect starved = awaitSuspect(detector, SuspectKind.STARVED_QUEUE, "orders", (suspect) -> true);
		assertThat(starved.count()).isEqualTo(1);
		assertThat(starved.task()).isNull();
		assertThat(starved.state()).isNull();
		assertThat(starved.threads()).containsExactly("starved-1");
		// what holds the only worker
		assertThat(starved.stack()).anyMatch((line) -> line.contains("java.util.concurrent.SynchronousQueue.put("));
		assertThat(starved.oldestAgeSeconds()).isGreaterThanOrEqualTo(0.3);
		assertThat(detector.latest().stats(tracker.source("orders", TaskKind.EXECUTOR)).queued()).isEqualTo(1);
		awaitSuspect(detector, SuspectKind.STUCK_TASK, "orders", (suspect) -> true);
	}

	@Test
	void aStarvedQueueIsOneSuspectWhoseNoteSaysHowManyWait() {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService executor = tracked(tracker, "orders", 1, "starved-many-");
		executor.submit(blockedPut());
		for (int i = 0; i < 3; i++) {
			executor.submit(() -> "waits behind it");
		}
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		Suspect starved = awaitSuspect(detector, SuspectKind.STARVED_QUEUE, "orders", (suspect) -> true);
		assertThat(starved.count()).isEqualTo(1);
		assertThat(starved.note()).startsWith("3 tasks waiting; workers held by ");
		assertThat(detector.latest().suspectCount(SuspectKind.STARVED_QUEUE)).isEqualTo(1);
	}

	@Test
	void queueThatKeepsMovingDoesNotStarve() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService executor = tracked(tracker, "moving", 1, "moving-");
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		// a steady trickle of short tasks: always something queued, nothing waiting long
		long end = System.nanoTime() + THRESHOLD.toNanos() * 3;
		List<Suspect> seen = new ArrayList<>();
		while (System.nanoTime() < end) {
			for (int i = 0; i < 3; i++) {
				executor.submit(() -> {
					Thread.sleep(2);
					return null;
				});
			}
			seen.addAll(ours(detector.sample().suspects(), "moving"));
			Thread.sleep(20);
		}
		assertThat(seen).isEmpty();
	}

	@Test
	void tasksBlockedOnTheSameCallFoldIntoOneSuspect() {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService executor = tracked(tracker, "orders", 3, "fold-");
		Callable<Void> put = blockedPut();
		for (int i = 0; i < 3; i++) {
			executor.submit(put);
		}
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		Suspect stuck = awaitSuspect(detector, SuspectKind.STUCK_TASK, "orders", (suspect) -> suspect.count() == 3);
		assertThat(stuck.threads()).containsExactlyInAnyOrder("fold-1", "fold-2", "fold-3");
		assertThat(ours(detector.latest().suspects(), "orders")).hasSize(1);
		assertThat(detector.latest().suspectCount(SuspectKind.STUCK_TASK)).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aWorkerOnceReleasedFromAQueueIsStuckWhenALaterTaskBlocksOnItForever() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		ThreadPoolExecutor pool = pool(1, "reused-");
		ExecutorService executor = new TrackingExecutorService(pool, tracker.source("outbox", TaskKind.EXECUTOR));
		SynchronousQueue<String> outbox = new SynchronousQueue<>();
		Callable<Void> publish = () -> {
			outbox.put("report");
			return null;
		};
		executor.submit(publish);
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		awaitSuspect(detector, SuspectKind.STUCK_TASK, "outbox", (suspect) -> true);
		assertThat(outbox.take()).isEqualTo("report");
		await().atMost(TIMEOUT).until(() -> pool.getActiveCount() == 0 && tracker.running().isEmpty());
		// the worker seen idle, then the next task: it starts within the task clock's
		// tick of that sample, so its recorded start is most often before the idle wait
		// was first seen
		assertThat(ours(detector.sample().suspects(), "outbox")).isEmpty();
		executor.submit(publish);
		Suspect stuck = awaitSuspect(detector, SuspectKind.STUCK_TASK, "outbox", (suspect) -> true);
		assertThat(stuck.threads()).containsExactly("reused-1");
	}

	@Test
	void aConsumerLoopThatRunsTasksInlineWaitsForItsNextItemUnsuspected() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		TaskSource inline = tracker.source("inline", TaskKind.EXECUTOR);
		ExecutorService consumers = tracked(tracker, "consumer", 1, "consumer-");
		LinkedBlockingQueue<CountDownLatch> items = new LinkedBlockingQueue<>();
		consumers.submit(() -> {
			while (true) {
				CountDownLatch item = items.take();
				// each item handled by a tracked task run on the consumer's own thread
				tracker.trackRuns(inline, () -> awaitQuietly(item)).run();
			}
		});
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		await().atMost(TIMEOUT).until(() -> waitsIn(tracker, "consumer", "LinkedBlockingQueue"));
		detector.sample();
		CountDownLatch item = new CountDownLatch(1);
		items.put(item);
		// sampled while the item's task runs, then back in the loop's wait for the next
		await().atMost(TIMEOUT).until(() -> waitsIn(tracker, "inline", "CountDownLatch"));
		detector.sample();
		item.countDown();
		await().atMost(TIMEOUT).until(() -> waitsIn(tracker, "consumer", "LinkedBlockingQueue"));
		List<Suspect> seen = new ArrayList<>();
		long end = System.nanoTime() + THRESHOLD.toNanos() * 3;
		while (System.nanoTime() < end) {
			Sample sample = detector.sample();
			seen.addAll(ours(sample.suspects(), "consumer"));
			seen.addAll(ours(sample.suspects(), "inline"));
			Thread.sleep(50);
		}
		assertThat(seen).isEmpty();
	}

	@Test
	void longRunningTaskWhoseStackKeepsChangingIsNeverSuspected() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService executor = tracked(tracker, "cpu", 1, "cpu-");
		TaskSource cpu = tracker.source("cpu", TaskKind.EXECUTOR);
		long runNanos = THRESHOLD.toNanos() * 3;
		Future<Long> busy = executor.submit(() -> {
			long deadline = System.nanoTime() + runNanos;
			long sum = 0;
			for (int depth = 0; System.nanoTime() < deadline; depth++) {
				sum += descend(depth % 16);
			}
			return sum;
		});
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		List<Suspect> seen = new ArrayList<>();
		AtomicInteger samplesPastThreshold = new AtomicInteger();
		// sample through the whole run; every sample must be clean, not just the last
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
			Sample sample = detector.sample();
			seen.addAll(ours(sample.suspects(), "cpu"));
			SourceStats stats = sample.stats(cpu);
			if (stats != null && stats.active() == 1 && stats.oldestAgeSeconds() >= 0.3) {
				samplesPastThreshold.incrementAndGet();
			}
			return busy.isDone();
		});
		assertThat(busy.get()).isNotNull();
		assertThat(seen).isEmpty();
		assertThat(samplesPastThreshold.get()).as("samples taken past the threshold").isGreaterThanOrEqualTo(3);
	}

	@Test
	void idlePoolIsNoSuspectAndItsGroupIsIdle() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		ThreadPoolExecutor pool = pool(8, "idle-");
		pool.prestartAllCoreThreads();
		ExecutorService executor = new TrackingExecutorService(pool, tracker.source("idle", TaskKind.EXECUTOR));
		List<Callable<Integer>> tasks = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			tasks.add(() -> 1);
		}
		executor.invokeAll(tasks);
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		StackGroup group = await().atMost(TIMEOUT)
			.until(() -> groupOf(detector.report(), "idle-#"), (found) -> found != null && found.count() >= 8);
		assertThat(group.idle()).isTrue();
		assertThat(group.state()).isEqualTo(Thread.State.WAITING);
		assertThat(group.stack()).anyMatch((line) -> line.contains("java.util.concurrent.ThreadPoolExecutor.getTask("));
		detector.sample();
		detector.sample();
		LeakReport report = detector.report();
		assertThat(withoutTestDeadlock(detector.latest().suspects())).isEmpty();
		assertThat(withoutTestDeadlock(report.suspects())).isEmpty();
		assertThat(report.sources()).filteredOn((source) -> source.source().equals("idle"))
			.singleElement()
			.satisfies((source) -> {
				assertThat(source.active()).isZero();
				assertThat(source.queued()).isZero();
				assertThat(source.completed()).isEqualTo(8);
			});
		assertThat(report.threads().families()).anySatisfy((family) -> {
			assertThat(family.family()).isEqualTo("idle-#");
			assertThat(family.count()).isEqualTo(8);
		});
		assertThat(report.threads().live()).isGreaterThanOrEqualTo(9);
	}

	@Test
	void monitorDeadlockIsReportedWithBothThreadsAndTheirLocks() {
		String first = DEADLOCK_PREFIX + "a";
		String second = DEADLOCK_PREFIX + "b";
		LockA lockA = new LockA();
		LockB lockB = new LockB();
		CountDownLatch bothHold = new CountDownLatch(2);
		startDaemon(first, () -> {
			synchronized (lockA) {
				awaitOther(bothHold);
				synchronized (lockB) {
					bothHold.countDown(); // never reached
				}
			}
		});
		startDaemon(second, () -> {
			synchronized (lockB) {
				awaitOther(bothHold);
				synchronized (lockA) {
					bothHold.countDown(); // never reached
				}
			}
		});
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		Deadlock deadlock = await().atMost(TIMEOUT)
			.until(() -> testDeadlock(detector.report().deadlocks()), Objects::nonNull);
		// a deadlock is as old as the first sample that saw it
		detector.sample();
		await().atMost(TIMEOUT)
			.until(() -> detector.sample()
				.suspects()
				.stream()
				.anyMatch((suspect) -> suspect.kind() == SuspectKind.DEADLOCK && suspect.threads().contains(first)
						&& suspect.oldestAgeSeconds() >= 0.3));
		Map<String, Deadlock.DeadlockedThread> byName = deadlock.threads()
			.stream()
			.collect(Collectors.toMap(Deadlock.DeadlockedThread::name, Function.identity()));
		assertThat(byName).containsOnlyKeys(first, second);
		assertThat(byName.get(first)).satisfies((thread) -> {
			assertThat(thread.state()).isEqualTo(Thread.State.BLOCKED);
			assertThat(thread.lock()).isEqualTo(lockName(lockB));
			assertThat(thread.lockOwner()).isEqualTo(second);
			assertThat(thread.stack()).anyMatch((line) -> line.contains("LeakDetectorTest.lambda$monitorDeadlock"));
		});
		assertThat(byName.get(second)).satisfies((thread) -> {
			assertThat(thread.state()).isEqualTo(Thread.State.BLOCKED);
			assertThat(thread.lock()).isEqualTo(lockName(lockA));
			assertThat(thread.lockOwner()).isEqualTo(first);
		});
		Sample sample = detector.sample();
		assertThat(sample.deadlockedThreads()).isGreaterThanOrEqualTo(2);
		assertThat(sample.suspects()).filteredOn((suspect) -> suspect.kind() == SuspectKind.DEADLOCK)
			.filteredOn((suspect) -> suspect.threads().contains(first))
			.singleElement()
			.satisfies((suspect) -> {
				assertThat(suspect.threads()).containsExactlyInAnyOrder(first, second);
				assertThat(suspect.count()).isEqualTo(2);
				assertThat(suspect.state()).isEqualTo(Thread.State.BLOCKED);
				assertThat(suspect.source()).isNull();
				assertThat(suspect.stack()).isNotEmpty();
			});
		String text = new LeakReportTextFormatter().format(detector.report());
		assertThat(text)
			.contains("\"" + first + "\" BLOCKED waiting for " + lockName(lockB) + " held by \"" + second + "\"");
	}

	@Test
	void submitSiteStartsAtTheSubmittingMethod() throws Exception {
		TaskTracker tracker = new TaskTracker(true);
		ExecutorService executor = tracked(tracker, "sites", 2, "site-");
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreads("site-sched-"));
		this.executors.add(scheduler);
		TrackingScheduledExecutorService scheduled = new TrackingScheduledExecutorService(scheduler,
				tracker.source("sites", TaskKind.SCHEDULER));
		executor.submit(blockedPut());
		executor.execute(this::putQuietly);
		scheduled.schedule(this::putQuietly, 1, TimeUnit.MILLISECONDS);
		List<RunningTask> running = await().atMost(TIMEOUT).until(tracker::running, (tasks) -> tasks.size() == 3);
		String method = "submitSiteStartsAtTheSubmittingMethod";
		assertThat(running).allSatisfy((task) -> {
			StackTraceElement first = task.submitSite().get(0);
			assertThat(first.getClassName()).isEqualTo(LeakDetectorTest.class.getName());
			assertThat(first.getMethodName()).isEqualTo(method);
		});
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		Suspect stuck = awaitSuspect(detector, SuspectKind.STUCK_TASK, "sites", (suspect) -> true);
		assertThat(stuck.submittedFrom().get(0))
			.startsWith(LeakDetectorTest.class.getName() + "." + method + "(LeakDetectorTest.java:");
	}

	@Test
	void sampleCountsLiveThreadFamilies() {
		ThreadPoolExecutor pool = pool(3, "family-");
		pool.prestartAllCoreThreads();
		Sample sample = new LeakDetector(new TaskTracker(false), SETTINGS).sample();
		assertThat(sample.families()).anySatisfy((family) -> {
			assertThat(family.family()).isEqualTo("family-#");
			assertThat(family.count()).isEqualTo(3);
		});
		assertThat(sample.families()).hasSizeLessThanOrEqualTo(SETTINGS.maxFamilies() + 1);
	}

	private static Suspect awaitSuspect(LeakDetector detector, SuspectKind kind, String source,
			Predicate<Suspect> condition) {
		return await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> find(detector.sample().suspects(), kind, source).filter(condition).orElse(null),
					Objects::nonNull);
	}

	private static Optional<Suspect> find(List<Suspect> suspects, SuspectKind kind, String source) {
		return suspects.stream()
			.filter((suspect) -> suspect.kind() == kind && source.equals(suspect.source()))
			.findFirst();
	}

	private static List<Suspect> ours(List<Suspect> suspects, String source) {
		return suspects.stream().filter((suspect) -> source.equals(suspect.source())).toList();
	}

	/**
	 * Leaves out the deadlock the deadlock test leaves behind, whichever test ran first.
	 */
	private static List<Suspect> withoutTestDeadlock(List<Suspect> suspects) {
		return suspects.stream()
			.filter((suspect) -> suspect.kind() != SuspectKind.DEADLOCK
					|| !suspect.threads().stream().allMatch((name) -> name.startsWith(DEADLOCK_PREFIX)))
			.toList();
	}

	private static Deadlock testDeadlock(List<Deadlock> deadlocks) {
		return deadlocks.stream()
			.filter((deadlock) -> deadlock.threads()
				.stream()
				.anyMatch((thread) -> thread.name().startsWith(DEADLOCK_PREFIX)))
			.findFirst()
			.orElse(null);
	}

	private static StackGroup groupOf(LeakReport report, String family) {
		return report.groups().stream().filter((group) -> group.families().contains(family)).findFirst().orElse(null);
	}

	private Callable<Void> blockedPut() {
		return () -> {
			this.noTaker.put("never taken");
			return null;
		};
	}

	private void putQuietly() {
		try {
			this.noTaker.put("never taken");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether a running task of {@code source} waits, parked in a class whose name ends
	 * with {@code waitClass}.
	 */
	private static boolean waitsIn(TaskTracker tracker, String source, String waitClass) {
		return tracker.running()
			.stream()
			.filter((task) -> task.source().name().equals(source))
			.anyMatch((task) -> stateOf(task.thread()) == Thread.State.WAITING
					&& Arrays.stream(task.thread().getStackTrace())
						.anyMatch((frame) -> frame.getClassName().endsWith(waitClass)));
	}

	private ExecutorService tracked(TaskTracker tracker, String source, int threads, String threadPrefix) {
		return new TrackingExecutorService(pool(threads, threadPrefix), tracker.source(source, TaskKind.EXECUTOR));
	}

	private ThreadPoolExecutor pool(int threads, String threadPrefix) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new NamedThreads(threadPrefix));
		this.executors.add(pool);
		return pool;
	}

	@SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
	private static Thread.State stateOf(Thread thread) {
		return ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId()).getThreadState();
	}

	private static void startDaemon(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
	}

	/** Holds this thread's first lock until the other thread holds its own. */
	private static void awaitOther(CountDownLatch bothHold) {
		bothHold.countDown();
		try {
			bothHold.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String lockName(Object lock) {
		return lock.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(lock));
	}

	/**
	 * Alternating recursion, so that consecutive samples of a busy thread see different
	 * stacks.
	 */
	private static long descend(int depth) {
		if (depth == 0) {
			long x = 17;
			for (int i = 0; i < 2_000; i++) {
				x = x * 31 + i;
			}
			return x;
		}
		return (depth % 2 == 0) ? even(depth - 1) : odd(depth - 1);
	}

	private static long even(int depth) {
		return descend(depth) + 1;
	}

	private static long odd(int depth) {
		return descend(depth) + 2;
	}

	private static final class LockA {

	}

	private static final class LockB {

	}

}
