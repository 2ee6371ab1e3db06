package dev.leakwatch.core.proof;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.SubmitTracking;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.task.TrackingExecutorService;
import dev.leakwatch.core.task.TrackingScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waits of tasks on tracked executors, proven on a real heap dump while leakwatch tracks
 * them and its detector has sampled them: what leakwatch's own records hold (the running
 * task of each thread, the detector's last look at it, the list of live periodic tasks)
 * never makes a waiter reachable, while a queued task, which a live executor will run,
 * still does.
 * <p>
 * As in {@link HeapProofTest}, one proof judges every pattern, each set up in its own
 * method so that its locals are gone; the executors, the tracker and the detector are
 * held by static fields as an application's beans would be.
 */
class TrackedTaskProofTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration THRESHOLD = Duration.ofMillis(300);

	private static final TaskTracker TRACKER = new TaskTracker(false);

	private static final LeakDetector DETECTOR = new LeakDetector(TRACKER,
			DetectorSettings.defaults().withTiming(THRESHOLD, Duration.ofMillis(100)));

	private static final List<ThreadPoolExecutor> POOLS = new CopyOnWriteArrayList<>();

	private static final List<Thread> WORKERS = new CopyOnWriteArrayList<>();

	private static ExecutorService orphanConsumers;

	private static ExecutorService heldOrphanConsumers;

	private static ExecutorService producers;

	private static ExecutorService fedConsumers;

	private static ExecutorService orders;

	private static ExecutorService releasedByQueuedTask;

	private static ScheduledExecutorService scheduler;

	private static Thread liveProducer;

	@TempDir
	static Path directory;

	private static ProofResult proof;

	private static LeakReport report;

	@BeforeAll
	static void leakSampleAndProve() {
		orphanConsumers = tracked("orphan-consumers", "proof-tracked-orphan-consumer-");
		heldOrphanConsumers = heldAsTheyAre("held-orphan-consumers", "proof-held-orphan-consumer-");
		producers = tracked("producers", "proof-tracked-producer-");
		fedConsumers = tracked("fed-consumers", "proof-tracked-fed-consumer-");
		orders = tracked("orders", "proof-tracked-put-");
		releasedByQueuedTask = tracked("released", "proof-tracked-released-");
		scheduler = trackedScheduler("scheduler", "proof-tracked-periodic-");
		consumerLoopWhoseProducerLeft();
		consumerLoopWhoseProducerLeftOnAPoolThatHoldsTasksAsTheyAre();
		consumerLoopWhoseProducerIsAlive();
		putToQueueOnlyTheTaskKnows();
		latchAQueuedTaskWillCountDown();
		periodicTaskWaitingOnALatchOnlyItKnows();
		Suspect stuck = await().atMost(TIMEOUT)
			.until(() -> stuckPut(DETECTOR.sample().suspects()), (found) -> found != null);
		assertThat(stuck.proof()).isNull();
		report = DETECTOR.report();
		proof = new HeapProof(ProofSettings.defaults().withDirectory(directory)).prove();
	}

	@AfterAll
	static void release() throws InterruptedException {
		POOLS.forEach(ThreadPoolExecutor::shutdownNow);
		liveProducer.interrupt();
		for (ThreadPoolExecutor pool : POOLS) {
			assertThat(pool.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		liveProducer.join(TIMEOUT.toMillis());
		TRACKER.close();
	}

	@Test
	void consumerLoopWhoseProducerLeftIsProvenLeakedThoughLeakwatchTracksItsTask() {
		assertVerdict("proof-tracked-orphan-consumer-", Verdict.UNREACHABLE);
		assertThat(verdictOf("proof-tracked-orphan-consumer-").blocker())
			.isEqualTo("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject");
	}

	@Test
	void consumerLoopWhoseProducerLeftIsProvenLeakedThoughItsPoolRecordsItsRunAsItIs() {
		assertVerdict("proof-held-orphan-consumer-", Verdict.UNREACHABLE);
	}

	@Test
	void consumerLoopWhoseProducerIsAliveIsReachable() {
		assertVerdict("proof-tracked-fed-consumer-", Verdict.REACHABLE);
	}

	@Test
	void taskWaitingOnALatchAQueuedTaskWillCountDownIsReachable() {
		assertVerdict("proof-tracked-released-", Verdict.REACHABLE);
	}

	@Test
	void periodicTaskWaitingOnALatchOnlyItKnowsIsProvenLeakedThoughLeakwatchWatchesItsFuture() {
		assertVerdict("proof-tracked-periodic-", Verdict.UNREACHABLE);
	}

	@Test
	void stuckTaskTheDetectorFoundIsProvenLeaked() {
		assertVerdict("proof-tracked-put-", Verdict.UNREACHABLE);
		assertThat(stuckPut(ProofReports.withProof(report, proof).suspects())).extracting(Suspect::proof)
			.isEqualTo("unreachable");
	}

	// ---- the patterns; each method's locals are gone when it returns

	private static void consumerLoopWhoseProducerLeft() {
		BlockingQueue<String> queue = new LinkedBlockingQueue<>();
		orphanConsumers.execute(() -> consume(queue));
		producers.execute(() -> {
			queue.add("first");
			queue.add("last");
		});
		await().atMost(TIMEOUT).until(() -> queue.isEmpty() && waiting("proof-tracked-orphan-consumer-"));
	}

	private static void consumerLoopWhoseProducerLeftOnAPoolThatHoldsTasksAsTheyAre() {
		BlockingQueue<String> queue = new LinkedBlockingQueue<>();
		heldOrphanConsumers.execute(() -> consume(queue));
		producers.execute(() -> queue.add("only"));
		await().atMost(TIMEOUT).until(() -> queue.isEmpty() && waiting("proof-held-orphan-consumer-"));
	}

	private static void consumerLoopWhoseProducerIsAlive() {
		BlockingQueue<String> queue = new LinkedBlockingQueue<>();
		fedConsumers.execute(() -> consume(queue));
		liveProducer = new Thread(() -> {
			try {
				while (true) {
					Thread.sleep(60_000);
					queue.add("tick");
				}
			}
			catch (InterruptedException ex) {
				// released
			}
		}, "proof-tracked-live-producer");
		liveProducer.setDaemon(true);
		liveProducer.start();
		await().atMost(TIMEOUT)
			.until(() -> waiting("proof-tracked-fed-consumer-")
					&& liveProducer.getState() == Thread.State.TIMED_WAITING);
	}

	private static void putToQueueOnlyTheTaskKnows() {
		SynchronousQueue<String> queue = new SynchronousQueue<>();
		orders.submit(() -> {
			queue.put("nobody takes it");
			return null;
		});
		await().atMost(TIMEOUT).until(() -> waiting("proof-tracked-put-"));
	}

	private static void latchAQueuedTaskWillCountDown() {
		CountDownLatch latch = new CountDownLatch(1);
		releasedByQueuedTask.submit(() -> {
			latch.await();
			return null;
		});
		await().atMost(TIMEOUT).until(() -> waiting("proof-tracked-released-"));
		// behind the waiting task on the pool's one thread: it would count the latch down
		// if the pool ran it
		releasedByQueuedTask.execute(latch::countDown);
	}

	private static void periodicTaskWaitingOnALatchOnlyItKnows() {
		CountDownLatch latch = new CountDownLatch(1);
		// the future is dropped: only leakwatch's list of live periodic tasks still holds
		// it
		scheduler.scheduleAtFixedRate(() -> {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, 0, 1, TimeUnit.SECONDS);
		await().atMost(TIMEOUT).until(() -> waiting("proof-tracked-periodic-"));
	}

	private static void consume(BlockingQueue<String> queue) {
		try {
			while (true) {
				queue.take();
			}
		}
		catch (InterruptedException ex) {
			// released
		}
	}

	// ---- helpers

	private static ExecutorService tracked(String source, String threadPrefix) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads(threadPrefix));
		POOLS.add(pool);
		return new TrackingExecutorService(pool, TRACKER.source(source, TaskKind.EXECUTOR));
	}

	/** A pool that tracks from its own hooks, as a taken-over executor bean does. */
	private static ExecutorService heldAsTheyAre(String source, String threadPrefix) {
		SubmitTracking tracking = new SubmitTracking(TRACKER.source(source, TaskKind.EXECUTOR));
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads(threadPrefix)) {

			@Override
			public void execute(Runnable command) {
				tracking.queued(command);
				super.execute(command);
			}

			@Override
			protected void beforeExecute(Thread thread, Runnable task) {
				tracking.beforeRun(task);
			}

			@Override
			protected void afterExecute(Runnable task, Throwable failure) {
				tracking.afterRun(task);
			}

		};
		POOLS.add(pool);
		return pool;
	}

	private static ScheduledExecutorService trackedScheduler(String source, String threadPrefix) {
		ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, threads(threadPrefix));
		POOLS.add(pool);
		return new TrackingScheduledExecutorService(pool, TRACKER.source(source, TaskKind.SCHEDULER));
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			WORKERS.add(thread);
			return thread;
		};
	}

	private static boolean waiting(String prefix) {
		return WORKERS.stream()
			.filter((thread) -> thread.getName().startsWith(prefix))
			.anyMatch((thread) -> thread.getState() == Thread.State.WAITING);
	}

	private static Suspect stuckPut(List<Suspect> suspects) {
		return suspects.stream()
			.filter((suspect) -> suspect.kind() == SuspectKind.STUCK_TASK && "orders".equals(suspect.source()))
			.findFirst()
			.orElse(null);
	}

	private static ThreadVerdict verdictOf(String prefix) {
		List<ThreadVerdict> found = proof.threads()
			.stream()
			.filter((thread) -> thread.name().startsWith(prefix))
			.toList();
		assertThat(found).as(prefix).hasSize(1);
		return found.get(0);
	}

	private static void assertVerdict(String prefix, Verdict verdict) {
		assertThat(verdictOf(prefix).verdict()).as(prefix).isEqualTo(verdict);
	}

}
