package dev.leakwatch.core.proof;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each classic thread leak proven on a real heap dump of this JVM, next to the same wait
 * with something live still holding what it waits on.
 * <p>
 * One proof judges every pattern at once, as it would in a service:
 * {@link #leakAndProve()} starts all the threads, waits until each one waits, dumps and
 * analyses the heap once; each test then asserts the verdicts of its own threads, named
 * {@code proof-<pattern>-...}. JUnit's and Maven's threads, and threads other test
 * classes leave behind, are never asserted. Each wait is set up in its own method, so
 * that nothing but the waiting threads (and, for the reachable twins, a static field or a
 * live thread) keeps what they wait on.
 * <p>
 * {@link #STARTED} holds the {@code Thread} objects so that {@link #release()} can end
 * every thread: a proof never follows a waiting thread's own {@code Thread} object, so
 * holding it does not make what it waits on reachable. An executor nobody references
 * cannot be shut down by design, so its worker threads carry their pool in a field for
 * the release.
 */
class HeapProofTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int MIB = 1 << 20;

	private static final List<Thread> STARTED = new CopyOnWriteArrayList<>();

	/**
	 * What the reachable twins wait on, kept by static fields as a bean or a registry
	 * would.
	 */
	private static final SynchronousQueue<String> HELD_QUEUE = new SynchronousQueue<>();

	private static final Object HELD_MONITOR = new Object();

	private static final CountDownLatch HELD_LATCH = new CountDownLatch(1);

	private static ThreadPoolExecutor heldExecutor;

	@TempDir
	static Path directory;

	private static ProofResult result;

	private static final AtomicReference<String> dumpDirectoryPermissions = new AtomicReference<>();

	private static long peakHeapBytes;

	@BeforeAll
	static void leakAndProve() {
		putToQueueOnlyThePutterKnows();
		putToQueueAStaticFieldHolds();
		awaitLatchNobodyElseHolds();
		awaitLatchALiveThreadHolds();
		getFutureNobodyElseHolds();
		getFutureALiveThreadCompletes();
		executorPerCall();
		executorAStaticFieldHolds();
		lockOrphanedByALeakedHolder();
		monitorOrphanedByALeakedHolder();
		deadlockOfOtherwiseUnreachableLocks();
		waitOnMonitorOnlyTheWaiterKnows();
		waitOnMonitorAStaticFieldHolds();
		virtualThreadsAwaitingLatches();
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		HeapProof proof = new HeapProof(ProofSettings.defaults().withDirectory(directory), (file) -> {
			dumpDirectoryPermissions.set(permissionsOf(file.getParent()));
			HeapProof.dumpLiveHeap(file);
		}, null, Machine.LOCAL);
		result = proof.prove();
		peakHeapBytes = heap.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
	}

	@AfterAll
	static void release() throws InterruptedException {
		for (Thread thread : STARTED) {
			if (thread instanceof PoolThread worker) {
				worker.pool.executor.shutdownNow();
			}
			else {
				thread.interrupt();
			}
		}
		heldExecutor.shutdownNow();
		for (Thread thread : STARTED) {
			thread.join(TIMEOUT.toMillis());
			assertThat(thread.isAlive()).as(thread.getName()).isFalse();
		}
		System.out.printf("heap proof of this JVM (Java %s): %d objects, used heap %d MB, dump %d MB; "
				+ "dump %d ms, analysis %d ms, peak heap %d MB; %d leaked of %d waiting threads, %d bytes held by "
				+ "them%n", Runtime.version().feature(), result.objects(), result.heapUsedBytes() / MIB,
				result.dumpBytes() / MIB, result.dumpTime().toMillis(), result.analysisTime().toMillis(),
				peakHeapBytes / MIB, result.leaked().size(), result.threads().size(), result.leakedBytes());
	}

	@Test
	void putToAQueueOnlyThePutterKnowsIsProvenLeaked() {
		assertVerdict("proof-put-orphan", 1, Verdict.UNREACHABLE);
		ThreadVerdict put = verdicts("proof-put-orphan").get(0);
		assertThat(put.state()).isEqualTo(Thread.State.WAITING);
		assertThat(put.blocker()).startsWith("java.util.concurrent.SynchronousQueue");
		assertThat(put.stack()).anyMatch((frame) -> frame.contains("java.util.concurrent.SynchronousQueue.put("));
	}

	@Test
	void putToAQueueAStaticFieldHoldsIsReachable() {
		assertVerdict("proof-put-held", 1, Verdict.REACHABLE);
	}

	@Test
	void latchNobodyElseHoldsIsProvenLeaked() {
		assertVerdict("proof-latch-orphan", 1, Verdict.UNREACHABLE);
		assertThat(verdicts("proof-latch-orphan").get(0).blocker())
			.isEqualTo("java.util.concurrent.CountDownLatch$Sync");
	}

	@Test
	void latchALiveThreadHoldsIsReachable() {
		assertVerdict("proof-latch-held-waiter", 1, Verdict.REACHABLE);
	}

	@Test
	void futureNobodyElseHoldsIsProvenLeaked() {
		assertVerdict("proof-future-orphan", 1, Verdict.UNREACHABLE);
	}

	@Test
	void futureALiveThreadWillCompleteIsReachable() {
		assertVerdict("proof-future-held-waiter", 1, Verdict.REACHABLE);
	}

	@Test
	void idleWorkersOfAnExecutorNothingReferencesAreProvenLeaked() {
		assertVerdict("proof-percall-", 2, Verdict.UNREACHABLE);
	}

	@Test
	void idleWorkersOfAnExecutorStillReferencedAreReachable() {
		assertVerdict("proof-bean-", 2, Verdict.REACHABLE);
	}

	@Test
	void holderAndWaiterOfAnOrphanedLockAreProvenLeaked() {
		assertVerdict("proof-lock-holder", 1, Verdict.UNREACHABLE);
		assertVerdict("proof-lock-waiter", 1, Verdict.UNREACHABLE);
		assertThat(verdicts("proof-lock-waiter").get(0).blocker())
			.startsWith("java.util.concurrent.locks.ReentrantLock$");
	}

	@Test
	void threadBlockedOnAMonitorALeakedThreadHoldsIsProvenLeaked() {
		assertVerdict("proof-monitor-holder", 1, Verdict.UNREACHABLE);
		assertVerdict("proof-monitor-blocked", 1, Verdict.UNREACHABLE);
		ThreadVerdict blocked = verdicts("proof-monitor-blocked").get(0);
		assertThat(blocked.state()).isEqualTo(Thread.State.BLOCKED);
		assertThat(blocked.blocker()).isEqualTo(Monitor.class.getName());
	}

	@Test
	void deadlockCycleOfOtherwiseUnreachableLocksIsProvenLeaked() {
		assertVerdict("proof-deadlock-", 2, Verdict.UNREACHABLE);
	}

	@Test
	void waitOnAMonitorOnlyTheWaiterKnowsIsProvenLeaked() {
		assertVerdict("proof-wait-orphan", 1, Verdict.UNREACHABLE);
		assertThat(verdicts("proof-wait-orphan").get(0).blocker()).isEqualTo(Monitor.class.getName());
	}

	@Test
	void waitOnAMonitorAStaticFieldHoldsIsReachable() {
		assertVerdict("proof-wait-held", 1, Verdict.REACHABLE);
	}

	@Test
	void virtualThreadsAreJudgedOnJdk21AndLater() {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21");
		assertVerdict("proof-virtual-orphan", 1, Verdict.UNREACHABLE);
		assertVerdict("proof-virtual-held", 1, Verdict.REACHABLE);
		assertThat(verdicts("proof-virtual-orphan").get(0).virtual()).isTrue();
		assertThat(result.notCovered()).anyMatch((sentence) -> sentence.startsWith("virtual threads are judged"));
	}

	@Test
	void heapHeldOnlyByLeakedThreadsIsCounted() {
		// the orphaned latch's waiter holds 1 MiB, the held latch's waiter 3 MiB: only
		// the first is leaked
		assertThat(result.leakedBytes()).isBetween((long) MIB, 3L * MIB - 1);
		assertThat(result.leakedObjects()).isPositive();
	}

	@Test
	void dumpIsWrittenToAPrivateDirectoryAndDeleted() throws Exception {
		if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(dumpDirectoryPermissions.get()).isEqualTo("rwx------");
		}
		try (Stream<Path> left = Files.list(directory)) {
			assertThat(left).isEmpty();
		}
	}

	@Test
	void resultReportsItsCost() {
		assertThat(result.dumpTime()).isPositive();
		assertThat(result.analysisTime()).isPositive();
		assertThat(result.dumpBytes()).isPositive();
		assertThat(result.objects()).isPositive();
		assertThat(result.heapUsedBytes()).isPositive();
	}

	// ---- the patterns; each method's locals are gone when it returns

	private static void putToQueueOnlyThePutterKnows() {
		SynchronousQueue<String> queue = new SynchronousQueue<>();
		startWaiting("proof-put-orphan", () -> queue.put("report"));
	}

	private static void putToQueueAStaticFieldHolds() {
		startWaiting("proof-put-held", () -> HELD_QUEUE.put("report"));
	}

	private static void awaitLatchNobodyElseHolds() {
		CountDownLatch latch = new CountDownLatch(1);
		startWaiting("proof-latch-orphan", () -> {
			byte[] held = new byte[MIB];
			latch.await();
			held[0]++;
		});
	}

	private static void awaitLatchALiveThreadHolds() {
		CountDownLatch latch = new CountDownLatch(1);
		startWaiting("proof-latch-held-waiter", () -> {
			byte[] held = new byte[3 * MIB];
			latch.await();
			held[0]++;
		});
		// a live thread that could count it down any time
		startLive("proof-latch-held-owner", () -> {
			while (latch.getCount() > 0) {
				Thread.sleep(50);
			}
		});
	}

	private static void getFutureNobodyElseHolds() {
		CompletableFuture<String> future = new CompletableFuture<>();
		startWaiting("proof-future-orphan", future::get);
	}

	private static void getFutureALiveThreadCompletes() {
		CompletableFuture<String> future = new CompletableFuture<>();
		startWaiting("proof-future-held-waiter", future::get);
		startLive("proof-future-held-owner", () -> {
			while (!future.isDone()) {
				Thread.sleep(50);
			}
		});
	}

	private static void executorPerCall() {
		Pool pool = new Pool("proof-percall-");
		pool.executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), pool);
		pool.executor.prestartAllCoreThreads();
		awaitIdle(pool.executor);
	}

	private static void executorAStaticFieldHolds() {
		Pool pool = new Pool("proof-bean-");
		heldExecutor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), pool);
		pool.executor = heldExecutor;
		heldExecutor.prestartAllCoreThreads();
		awaitIdle(heldExecutor);
	}

	private static void lockOrphanedByALeakedHolder() {
		ReentrantLock lock = new ReentrantLock();
		CountDownLatch never = new CountDownLatch(1);
		startWaiting("proof-lock-holder", () -> {
			lock.lockInterruptibly();
			try {
				never.await();
			}
			finally {
				lock.unlock();
			}
		});
		startWaiting("proof-lock-waiter", () -> {
			lock.lockInterruptibly();
			lock.unlock();
		});
	}

	private static void monitorOrphanedByALeakedHolder() {
		Monitor monitor = new Monitor();
		CountDownLatch never = new CountDownLatch(1);
		startWaiting("proof-monitor-holder", () -> {
			synchronized (monitor) {
				never.await();
			}
		});
		startWaiting("proof-monitor-blocked", () -> {
			synchronized (monitor) {
				monitor.touched = true;
			}
		});
	}

	private static void deadlockOfOtherwiseUnreachableLocks() {
		ReentrantLock first = new ReentrantLock();
		ReentrantLock second = new ReentrantLock();
		CountDownLatch bothHoldOne = new CountDownLatch(2);
		Thread one = start("proof-deadlock-1", () -> lockBoth(first, second, bothHoldOne));
		Thread two = start("proof-deadlock-2", () -> lockBoth(second, first, bothHoldOne));
		awaitWaiting(one);
		awaitWaiting(two);
	}

	private static void lockBoth(ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHoldOne)
			throws InterruptedException {
		held.lockInterruptibly();
		try {
			bothHoldOne.countDown();
			bothHoldOne.await();
			wanted.lockInterruptibly();
			wanted.unlock();
		}
		finally {
			held.unlock();
		}
	}

	private static void waitOnMonitorOnlyTheWaiterKnows() {
		Monitor monitor = new Monitor();
		startWaiting("proof-wait-orphan", () -> {
			synchronized (monitor) {
				while (!monitor.touched) {
					monitor.wait();
				}
			}
		});
	}

	private static void waitOnMonitorAStaticFieldHolds() {
		startWaiting("proof-wait-held", () -> {
			synchronized (HELD_MONITOR) {
				HELD_MONITOR.wait();
			}
		});
	}

	private static void virtualThreadsAwaitingLatches() {
		if (Runtime.version().feature() < 21) {
			return;
		}
		CountDownLatch latch = new CountDownLatch(1);
		awaitWaiting(startVirtual("proof-virtual-orphan", latch));
		awaitWaiting(startVirtual("proof-virtual-held", HELD_LATCH));
	}

	// ---- helpers

	private static void startWaiting(String name, Blocking body) {
		awaitWaiting(start(name, body));
	}

	private static void startLive(String name, Blocking body) {
		Thread thread = start(name, body);
		await().atMost(TIMEOUT).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
	}

	private static Thread start(String name, Blocking body) {
		Thread thread = new Thread(() -> {
			try {
				body.run();
			}
			catch (InterruptedException ex) {
				// released
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, name);
		thread.setDaemon(true);
		STARTED.add(thread);
		thread.start();
		return thread;
	}

	/** A virtual thread through reflection: the tests compile for Java 17. */
	private static Thread startVirtual(String name, CountDownLatch latch) {
		try {
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			builder = builderType.getMethod("name", String.class).invoke(builder, name);
			Method start = builderType.getMethod("start", Runnable.class);
			Runnable body = () -> {
				try {
					latch.await();
				}
				catch (InterruptedException ex) {
					// released
				}
			};
			Thread thread = (Thread) start.invoke(builder, body);
			STARTED.add(thread);
			return thread;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitWaiting(Thread thread) {
		await().atMost(TIMEOUT)
			.until(() -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.BLOCKED);
	}

	private static void awaitIdle(ThreadPoolExecutor executor) {
		await().atMost(TIMEOUT).until(() -> executor.getPoolSize() == 2 && executor.getActiveCount() == 0);
		STARTED.stream()
			.filter((thread) -> thread instanceof PoolThread worker && worker.pool.executor == executor)
			.forEach(HeapProofTest::awaitWaiting);
	}

	private static List<ThreadVerdict> verdicts(String prefix) {
		return result.threads().stream().filter((thread) -> thread.name().startsWith(prefix)).toList();
	}

	private static void assertVerdict(String prefix, int threads, Verdict verdict) {
		List<ThreadVerdict> found = verdicts(prefix);
		assertThat(found).as(prefix).hasSize(threads);
		assertThat(found).as(prefix).extracting(ThreadVerdict::verdict).containsOnly(verdict);
	}

	private static String permissionsOf(Path path) {
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
			return PosixFilePermissions.toString(permissions);
		}
		catch (Exception ex) {
			return ex.toString();
		}
	}

	@FunctionalInterface
	private interface Blocking {

		void run() throws Exception;

	}

	/**
	 * A monitor of its own class, so a test can tell it from any other object in a frame.
	 */
	private static final class Monitor {

		boolean touched;

	}

	/**
	 * A test pool's threads, which carry the pool so that {@link #release()} can shut it
	 * down.
	 */
	private static final class Pool implements ThreadFactory {

		private final String prefix;

		private final AtomicInteger count = new AtomicInteger();

		volatile ThreadPoolExecutor executor;

		Pool(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new PoolThread(task, this.prefix + this.count.incrementAndGet(), this);
			thread.setDaemon(true);
			STARTED.add(thread);
			return thread;
		}

	}

	private static final class PoolThread extends Thread {

		final Pool pool;

		PoolThread(Runnable task, String name, Pool pool) {
			super(task, name);
			this.pool = pool;
		}

	}

}
