package dev.leakwatch.test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.thread.ThreadStack;
import dev.leakwatch.core.thread.VirtualThreads;

/**
 * Lists live threads: platform threads from the thread group tree (cheap: no stacks) and,
 * for the new ones only, their stacks from the {@link ThreadMXBean}; virtual threads (JDK
 * 21+) from the JDK's thread dump, which is the only place the JDK lists them, read only
 * when a thread may have been created since the baseline.
 */
final class ThreadCensus {

	static final long NO_PROBE = -1;

	/**
	 * The threads of the JDK's virtual-thread scheduler (JDK 21+): its carriers, and on
	 * JDK 25 its delay scheduler, all in this thread group. JDK machinery, started with
	 * the first virtual threads and kept or retired as the JDK sees fit.
	 */
	private static final String CARRIER_THREAD_GROUP = "CarrierThreads";

	private static final String CARRIER_THREAD_CLASS = "jdk.internal.misc.CarrierThread";

	private static final String PROBE_NAME = "leakwatch-test-id-probe";

	private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private ThreadCensus() {
	}

	/** Live platform threads by id, the JDK's virtual-thread scheduler left out. */
	static Map<Long, Thread> platformThreads() {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null) {
			root = root.getParent();
		}
		Thread[] threads = new Thread[root.activeCount() + 16];
		int count;
		while ((count = root.enumerate(threads, true)) == threads.length) {
			threads = new Thread[threads.length * 2];
		}
		Map<Long, Thread> live = new LinkedHashMap<>(count * 2);
		for (Thread thread : Arrays.asList(threads).subList(0, count)) {
			if (!isVirtualThreadScheduler(thread)) {
				live.put(thread.getId(), thread);
			}
		}
		return live;
	}

	private static boolean isVirtualThreadScheduler(Thread thread) {
		ThreadGroup group = thread.getThreadGroup();
		return CARRIER_THREAD_CLASS.equals(thread.getClass().getName())
				|| (group != null && CARRIER_THREAD_GROUP.equals(group.getName()));
	}

	/**
	 * A fresh thread id, taken by creating a thread that is never started: the JDK hands
	 * out thread ids from one increasing counter, for platform and virtual threads alike,
	 * so every thread created after the probe has a larger id. Only needed, and only
	 * taken, where virtual threads exist (JDK 21+, where an unstarted thread registers
	 * nowhere).
	 */
	static long probeId() {
		if (!VIRTUAL_THREADS) {
			return NO_PROBE;
		}
		return new Thread(null, null, PROBE_NAME, 0, false).getId();
	}

	/** Threads alive now that {@code baseline} does not know. */
	static List<NewThread> newThreads(Baseline baseline) {
		long current = Thread.currentThread().getId();
		Map<Long, Thread> candidates = new LinkedHashMap<>();
		for (Thread thread : platformThreads().values()) {
			long id = thread.getId();
			if (id != current && !baseline.knows(id) && thread.isAlive()) {
				candidates.put(id, thread);
			}
		}
		List<NewThread> found = new ArrayList<>();
		if (!candidates.isEmpty()) {
			ThreadInfo[] infos = THREADS
				.getThreadInfo(candidates.keySet().stream().mapToLong(Long::longValue).toArray(), Integer.MAX_VALUE);
			for (ThreadInfo info : infos) {
				// null: the thread ended meanwhile, or is one the JVM hides (a compiler
				// thread)
				if (info != null) {
					found.add(NewThread.of(info, candidates.get(info.getThreadId()).isInterrupted()));
				}
			}
		}
		if (baseline.tracksVirtualThreads() && VirtualThreads.available()
				&& baseline.createdOthersBefore(baseline.probe(), new HashSet<>(candidates.keySet()))) {
			for (ThreadStack thread : VirtualThreads.dump(Integer.MAX_VALUE)) {
				if (baseline.isNewVirtual(thread.id())) {
					found.add(new NewThread(thread, true, NewThread.UNCOUNTED, false));
				}
			}
		}
		return found;
	}

	/** Those of {@code threads} (platform threads) still alive, with their stacks now. */
	static List<NewThread> stillAlive(List<NewThread> threads) {
		long[] ids = threads.stream().mapToLong((thread) -> thread.stack().id()).toArray();
		Map<Long, Thread> live = platformThreads();
		List<NewThread> alive = new ArrayList<>();
		for (ThreadInfo info : THREADS.getThreadInfo(ids, Integer.MAX_VALUE)) {
			Thread thread = (info != null) ? live.get(info.getThreadId()) : null;
			if (thread != null) {
				alive.add(NewThread.of(info, thread.isInterrupted()));
			}
		}
		return alive;
	}

	/**
	 * A thread started during a check and still alive.
	 *
	 * @param stack its state and stack
	 * @param virtual whether it is a virtual thread
	 * @param waits how many times it has entered a wait so far
	 * ({@link ThreadInfo#getWaitedCount()}), or {@link #UNCOUNTED} for a virtual thread,
	 * which the JDK does not count
	 * @param interrupted whether it has been interrupted, so that it is about to leave an
	 * interruptible wait
	 */
	record NewThread(ThreadStack stack, boolean virtual, long waits, boolean interrupted) {

		static final long UNCOUNTED = -1;

		static NewThread of(ThreadInfo info, boolean interrupted) {
			return new NewThread(ThreadStack.of(info), false, info.getWaitedCount(), interrupted);
		}

	}

}
