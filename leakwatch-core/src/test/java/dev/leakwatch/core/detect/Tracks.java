package dev.leakwatch.core.detect;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.thread.IdleThreads;

/** Hand-built threads, snapshots and histories for the rules' own tests. */
final class Tracks {

	static final DetectorSettings SETTINGS = new DetectorSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), 64, 20,
			IdleThreads.DEFAULTS, Duration.ofMinutes(1), 5, 5, false);

	static final long SECOND = 1_000_000_000L;

	/** No thread doing tracked work: the snapshots here hold no running tasks. */
	static final TaskThreads NO_WORK = new TaskThreads(Map.of(), Map.of());

	static final List<StackTraceElement> PARKED_ON_LATCH = frames("jdk.internal.misc.Unsafe.park",
			"java.util.concurrent.locks.LockSupport.park", "java.util.concurrent.CountDownLatch.await",
			"com.example.Orders.place", "java.util.concurrent.ThreadPoolExecutor.runWorker",
			"java.util.concurrent.ThreadPoolExecutor$Worker.run", "java.lang.Thread.run");

	static final List<StackTraceElement> IDLE_WORKER = frames("jdk.internal.misc.Unsafe.park",
			"java.util.concurrent.locks.LockSupport.park", "java.util.concurrent.LinkedBlockingQueue.take",
			"java.util.concurrent.ThreadPoolExecutor.getTask", "java.util.concurrent.ThreadPoolExecutor.runWorker",
			"java.util.concurrent.ThreadPoolExecutor$Worker.run", "java.lang.Thread.run");

	static final List<StackTraceElement> RAW_PARKED = frames("jdk.internal.misc.Unsafe.park",
			"java.util.concurrent.locks.LockSupport.park", "java.util.concurrent.CountDownLatch.await",
			"com.example.Poller.run", "java.lang.Thread.run");

	static final List<StackTraceElement> JOINING = frames("jdk.internal.misc.Unsafe.park",
			"java.util.concurrent.locks.LockSupport.park", "java.util.concurrent.ForkJoinTask.awaitDone",
			"java.util.concurrent.ForkJoinTask.join", "com.example.Sum.compute",
			"java.util.concurrent.ForkJoinTask.doExec", "java.util.concurrent.ForkJoinPool.runWorker",
			"java.util.concurrent.ForkJoinWorkerThread.run");

	private Tracks() {
	}

	/**
	 * A thread waiting on {@code lock} since {@code sinceNanos}, seen in the previous
	 * sample too, its start known, with its role read from {@code frames}.
	 */
	static ThreadTrack waiting(long id, String name, long sinceNanos, int lock, List<StackTraceElement> frames) {
		ThreadTrack track = new ThreadTrack(id, name, Thread.State.WAITING, true, false, 1, lock, sinceNanos, true,
				true, null, ThreadRole.UNREAD, null, ThreadTrack.NONE, false, false, false);
		return ThreadRoles.classify(track, frames, SETTINGS.idleFilters());
	}

	/** {@code track}, waiting again on a lock it woke from before. */
	static ThreadTrack looping(ThreadTrack track) {
		return new ThreadTrack(track.id(), track.name(), track.state(), track.daemon(), track.virtual(), track.waits(),
				track.lock(), track.sinceNanos(), track.startKnown(), track.continued(), track.frames(), track.role(),
				track.idleReason(), new int[] { track.lock() }, true, true, false);
	}

	/** {@code track}, first seen in this episode by this sample. */
	static ThreadTrack firstSeen(ThreadTrack track) {
		return new ThreadTrack(track.id(), track.name(), track.state(), track.daemon(), track.virtual(), track.waits(),
				track.lock(), track.sinceNanos(), track.startKnown(), false, track.frames(), track.role(),
				track.idleReason(), track.wokeFrom(), track.loop(), true, false);
	}

	static Snapshot snapshot(long nowNanos, ThreadTrack... threads) {
		Map<Long, ThreadTrack> byId = new LinkedHashMap<>();
		Arrays.stream(threads).forEach((thread) -> byId.put(thread.id(), thread));
		return new Snapshot(nowNanos, SETTINGS, byId, List.of(), List.of(), List.of(), List.of(), List.of(),
				Snapshot.NO_SITES);
	}

	/**
	 * A history whose first sample, at {@code nowNanos}, saw threads up to id
	 * {@code lastId}.
	 */
	static History historyAfterFirstSample(long nowNanos, long lastId) {
		History history = new History();
		history.advance(snapshot(nowNanos, waiting(lastId, "main", nowNanos, 0, RAW_PARKED)), NO_WORK,
				new Evaluation());
		return history;
	}

	/**
	 * Evaluates {@code rule} on {@code snapshot} and, as the sampler does, records it in
	 * {@code history}.
	 */
	static Evaluation sample(SuspectRule rule, Snapshot snapshot, History history) {
		Evaluation evaluation = new Evaluation();
		rule.evaluate(snapshot, history, evaluation);
		history.advance(snapshot, NO_WORK, evaluation);
		return evaluation;
	}

	static List<StackTraceElement> frames(String... methods) {
		return Arrays.stream(methods).map((method) -> {
			int dot = method.lastIndexOf('.');
			return new StackTraceElement(method.substring(0, dot), method.substring(dot + 1), null, -1);
		}).toList();
	}

}
