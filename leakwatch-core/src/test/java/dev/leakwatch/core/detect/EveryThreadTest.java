package dev.leakwatch.core.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.NamedThreads;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.task.TrackingExecutorService;
import dev.leakwatch.core.thread.IdleThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The detector's model of every live thread, against real threads with the samples taken
 * by the test: leaks no bean owns are found, growth leaks stay reported while they live,
 * and a worker waiting for work is not stuck.
 */
class EveryThreadTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Duration THRESHOLD = Duration.ofMillis(400);

	private static final Duration INTERVAL = Duration.ofMillis(100);

	/** A short growth window, so that "long after the window" fits in a test. */
	private static final DetectorSettings SETTINGS = new DetectorSettings(THRESHOLD, INTERVAL, 64, 20,
			IdleThreads.DEFAULTS, Duration.ofMillis(500), 5, 5, false);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Runnable> cleanUp = new ArrayList<>();

	@AfterEach
	void releaseEverything() {
		this.release.countDown();
		this.cleanUp.forEach(Runnable::run);
	}

	@Test
	void taskBlockedForeverInTheCommonPoolIsStuck() {
		// CompletableFuture's async methods use the common pool where its parallelism is
		// above one
		ForkJoinPool.commonPool().execute(() -> awaitQuietly(this.release, "common-pool-leak"));
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		Suspect stuck = awaitSuspect(detector, SuspectKind.STUCK_TASK, StuckTaskRule.COMMON_POOL);
		assertThat(stuck.threads()).singleElement().asString().startsWith("ForkJoinPool.commonPool-worker-");
		assertThat(stuck.task()).isEqualTo(EveryThreadTest.class.getName() + ".awaitQuietly");
		assertThat(stuck.stack()).anySatisfy((frame) -> assertThat(frame).contains("CountDownLatch.await"));
	}

	@Test
	void taskBlockedForeverOnAnUntrackedPoolIsStuckUnderItsThreadFamily() {
		ExecutorService pool = Executors.newFixedThreadPool(2, new NamedThreads("untracked-"));
		this.cleanUp.add(pool::shutdownNow);
		pool.execute(() -> awaitQuietly(this.release, "untracked"));
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		Suspect stuck = awaitSuspect(detector, SuspectKind.STUCK_TASK, "untracked-#");
		assertThat(stuck.count()).isEqualTo(1);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void taskBlockedForeverOnAVirtualThreadPerTaskExecutorIsStuckAndAVirtualConsumerIsNot() throws Exception {
		// what Reactor's boundedElastic() and Executors.newVirtualThreadPerTaskExecutor()
		// are on virtual threads
		Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
		Class<?> builderType = Class.forName("java.lang.Thread$Builder");
		builder = builderType.getMethod("name", String.class, long.class).invoke(builder, "vt-job-", 1L);
		ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
		ExecutorService perTask = (ExecutorService) Executors.class
			.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
			.invoke(null, factory);
		this.cleanUp.add(perTask::shutdownNow);
		perTask.execute(() -> awaitQuietly(this.release, "virtual-per-task"));
		// its wakes cannot be seen between two reads of a virtual thread: it may be a
		// consumer fed between them
		BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
		perTask.execute(() -> {
			try {
				inbox.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		DetectorSettings virtual = new DetectorSettings(THRESHOLD, INTERVAL, 64, 20, IdleThreads.DEFAULTS,
				Duration.ofMillis(500), 5, 5, true);
		LeakDetector detector = new LeakDetector(new TaskTracker(false), virtual);
		Suspect stuck = awaitSuspect(detector, SuspectKind.STUCK_TASK, "virtual:vt-job-#");
		assertThat(stuck.task()).isEqualTo(EveryThreadTest.class.getName() + ".awaitQuietly");
		for (int i = 0; i < 5; i++) {
			assertThat(detector.sample().suspects()).filteredOn((suspect) -> suspect.kind() == SuspectKind.STUCK_TASK)
				.flatExtracting(Suspect::threads)
				.containsExactly("vt-job-1");
			Thread.sleep(INTERVAL.toMillis());
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void trackedTaskOnAVirtualThreadIsStuckWithoutADumpOfEveryVirtualThread() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		ExecutorService perTask = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		this.cleanUp.add(perTask::shutdownNow);
		new TrackingExecutorService(perTask, tracker.source("virtualJobs", TaskKind.EXECUTOR))
			.execute(() -> awaitQuietly(this.release, "virtual-tracked"));
		// SETTINGS read no virtual threads: the task's own thread is read every sample
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		Suspect stuck = awaitSuspect(detector, SuspectKind.STUCK_TASK, "virtualJobs");
		assertThat(stuck.stack()).anySatisfy((frame) -> assertThat(frame).contains("CountDownLatch.await"));
	}

	@Test
	void processReaperWaitingForARunningChildIsNotStuck() throws Exception {
		Process child = new ProcessBuilder("sleep", "30").start();
		this.cleanUp.add(child::destroyForcibly);
		child.onExit(); // the JDK's reaper pool waits for it to exit
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		long until = System.nanoTime() + THRESHOLD.toNanos() * 4;
		while (System.nanoTime() < until) {
			assertThat(detector.sample().suspects()).noneSatisfy((suspect) -> assertThat(suspect.threads())
				.anySatisfy((name) -> assertThat(name).contains("reaper")));
			Thread.sleep(INTERVAL.toMillis());
		}
		assertThat(detector.report().groups()).anySatisfy((group) -> {
			assertThat(group.families()).anySatisfy((family) -> assertThat(family).startsWith("process reaper"));
			assertThat(group.idle()).isTrue();
		});
	}

	@Test
	void consumerLoopFedSlowerThanTheThresholdIsNeverStuck() throws Exception {
		TaskTracker tracker = new TaskTracker(false);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new NamedThreads("consumer-"));
		this.cleanUp.add(pool::shutdownNow);
		ExecutorService executor = new TrackingExecutorService(pool, tracker.source("consumer", TaskKind.EXECUTOR));
		BlockingQueue<String> messages = new LinkedBlockingQueue<>();
		AtomicBoolean consuming = new AtomicBoolean(true);
		executor.execute(() -> {
			try {
				while (consuming.get()) {
					messages.take();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		List<Suspect> seen = new ArrayList<>();
		// a few items while the samples first see it, then one every 2.5 thresholds for 4
		// items
		for (int i = 0; i < 3; i++) {
			messages.put("warm-up");
			seen.addAll(sampleOf(detector, "consumer"));
			Thread.sleep(INTERVAL.toMillis() * 2);
			seen.addAll(sampleOf(detector, "consumer"));
		}
		long samplesPastThreshold = 0;
		for (int i = 0; i < 4; i++) {
			long next = System.nanoTime() + THRESHOLD.toNanos() * 5 / 2;
			while (System.nanoTime() < next) {
				seen.addAll(sampleOf(detector, "consumer"));
				samplesPastThreshold++;
				Thread.sleep(INTERVAL.toMillis());
			}
			messages.put("item");
		}
		consuming.set(false);
		messages.put("stop");
		assertThat(samplesPastThreshold).isGreaterThan(20);
		assertThat(seen).isEmpty();
	}

	@Test
	void oneShotWaitThatNeverWokeStaysStuck() {
		TaskTracker tracker = new TaskTracker(false);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new NamedThreads("one-shot-"));
		this.cleanUp.add(pool::shutdownNow);
		new TrackingExecutorService(pool, tracker.source("oneShot", TaskKind.EXECUTOR))
			.execute(() -> awaitQuietly(this.release, "one-shot"));
		LeakDetector detector = new LeakDetector(tracker, SETTINGS);
		awaitSuspect(detector, SuspectKind.STUCK_TASK, "oneShot");
		for (int i = 0; i < 10; i++) {
			assertThat(find(detector.sample().suspects(), SuspectKind.STUCK_TASK, "oneShot")).isPresent();
		}
	}

	@Test
	void burstOfLeakedThreadsStaysReportedLongAfterTheGrowthWindow() throws Exception {
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		detector.sample();
		for (int i = 0; i < 8; i++) {
			startDaemon("burst-" + i, () -> awaitQuietly(this.release, "burst"));
		}
		Suspect growth = awaitSuspect(detector, SuspectKind.THREAD_GROWTH, "burst-#");
		assertThat(growth.count()).isEqualTo(8);
		long until = System.nanoTime() + SETTINGS.growthWindow().toNanos() * 6;
		while (System.nanoTime() < until) {
			assertThat(find(detector.sample().suspects(), SuspectKind.THREAD_GROWTH, "burst-#"))
				.hasValueSatisfying((suspect) -> assertThat(suspect.count()).isEqualTo(8));
			Thread.sleep(INTERVAL.toMillis());
		}
		this.release.countDown();
		await().atMost(TIMEOUT)
			.until(() -> find(detector.sample().suspects(), SuspectKind.THREAD_GROWTH, "burst-#").isEmpty());
	}

	@Test
	void slowSteadyLeakIsFoundAgainstTheLongBaseline() throws Exception {
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		detector.sample();
		// one thread per growth window: never the minimum increase within any one window
		for (int i = 0; i < 6; i++) {
			startDaemon("slow-" + i, () -> awaitQuietly(this.release, "slow"));
			long next = System.nanoTime() + SETTINGS.growthWindow().toNanos() * 3 / 2;
			while (System.nanoTime() < next) {
				detector.sample();
				Thread.sleep(INTERVAL.toMillis());
			}
		}
		Suspect growth = awaitSuspect(detector, SuspectKind.THREAD_GROWTH, "slow-#");
		assertThat(growth.count()).isGreaterThanOrEqualTo(5);
		assertThat(growth.oldestAgeSeconds()).as("the growth began with the first thread")
			.isGreaterThanOrEqualTo(SETTINGS.growthWindow().toMillis() * 6 / 1000.0);
	}

	@Test
	void timerPerCallNeverCancelledIsThreadGrowth() throws InterruptedException {
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		detector.sample();
		CountDownLatch looping = new CountDownLatch(8);
		for (int i = 0; i < 8; i++) {
			Timer timer = new Timer("ticker-" + i, true);
			timer.schedule(new TimerTask() {
				private boolean ran;

				@Override
				public void run() {
					if (!this.ran) {
						this.ran = true;
						looping.countDown();
					}
				}
			}, 0, 50);
			this.cleanUp.add(timer::cancel);
		}
		// a thread read before its loop began would be grouped apart by its first stack
		assertThat(looping.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		// the timers' threads are counted as the sampler first reads each of them
		Suspect growth = await().atMost(TIMEOUT)
			.pollInterval(INTERVAL)
			.until(() -> find(detector.sample().suspects(), SuspectKind.THREAD_GROWTH, "ticker-#")
				.filter((suspect) -> suspect.count() == 8)
				.orElse(null), Objects::nonNull);
		assertThat(growth.note()).contains("java.util.Timer nobody cancelled");
		// each timer wakes between samples, so each sample sees its wait begin anew: the
		// leak is still one suspect of 8 at every one of them
		for (int i = 0; i < 5; i++) {
			Thread.sleep(INTERVAL.toMillis());
			assertThat(find(detector.sample().suspects(), SuspectKind.THREAD_GROWTH, "ticker-#"))
				.hasValueSatisfying((suspect) -> assertThat(suspect.count()).isEqualTo(8));
		}
	}

	@Test
	void executorPerCallIsGrowthAndOnePoolGrowingOnceIsNot() {
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		detector.sample();
		ThreadPoolExecutor big = new ThreadPoolExecutor(12, 12, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new NamedThreads("one-pool-"));
		big.prestartAllCoreThreads();
		this.cleanUp.add(big::shutdownNow);
		for (int i = 0; i < 7; i++) {
			// every executor numbers its own threads from 1: their names repeat
			ExecutorService perCall = Executors.newSingleThreadExecutor(new NamedThreads("per-call-"));
			perCall.execute(() -> {
			});
			this.cleanUp.add(perCall::shutdownNow);
		}
		Suspect growth = awaitSuspect(detector, SuspectKind.EXECUTOR_GROWTH, "per-call-#");
		assertThat(growth.count()).isEqualTo(7);
		for (int i = 0; i < 5; i++) {
			assertThat(find(detector.sample().suspects(), SuspectKind.EXECUTOR_GROWTH, "one-pool-#")).isEmpty();
		}
	}

	private List<Suspect> sampleOf(LeakDetector detector, String source) {
		return detector.sample().suspects().stream().filter((suspect) -> source.equals(suspect.source())).toList();
	}

	private static Suspect awaitSuspect(LeakDetector detector, SuspectKind kind, String source) {
		return await().atMost(TIMEOUT)
			.pollInterval(INTERVAL)
			.until(() -> find(detector.sample().suspects(), kind, source).orElse(null), Objects::nonNull);
	}

	private static Optional<Suspect> find(List<Suspect> suspects, SuspectKind kind, String source) {
		return suspects.stream()
			.filter((suspect) -> suspect.kind() == kind && source.equals(suspect.source()))
			.findFirst();
	}

	private static void startDaemon(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void awaitQuietly(CountDownLatch latch, String what) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
