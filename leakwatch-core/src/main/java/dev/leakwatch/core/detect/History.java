package dev.leakwatch.core.detect;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.leakwatch.core.task.TaskSource;

/**
 * What the background samples remember: every live thread's episode and the tracked run
 * it was in, the growth baselines, the threads counted in growth suspects, and when
 * queued tasks were submitted. Only {@link #advance} changes it, and only the sampler
 * calls that; rules read it, so a report asked for at any time judges against the same
 * past.
 */
final class History {

	private volatile long sampledNanos = -1;

	/**
	 * Threads with a higher id were started after the first sample: only they can be
	 * growth.
	 */
	private volatile long baselineThreadId = Long.MAX_VALUE;

	private volatile Map<Long, ThreadTrack> threads = Map.of();

	/** The outermost tracked run in progress on each thread, by thread id. */
	private volatile Map<Long, Long> runs = Map.of();

	private volatile Map<List<StackTraceElement>, List<StackTraceElement>> frames = Map.of();

	private volatile Map<Long, GrownThread> grown = Map.of();

	private volatile Map<Evaluation.GrowthKey, GrowthMarks.Low> growthLows = Map.of();

	/** When each live deadlock cycle was first seen. */
	private volatile Map<List<String>, Long> deadlocks = Map.of();

	private final Map<Evaluation.GrowthKey, GrowthMarks> growth = new ConcurrentHashMap<>();

	private final Map<TaskSource, QueueHistory> queues = new ConcurrentHashMap<>();

	/** When the last sample was taken, or -1 before the first. */
	long sampledNanos() {
		return this.sampledNanos;
	}

	ThreadTrack thread(long id) {
		return this.threads.get(id);
	}

	/**
	 * The outermost tracked run thread {@code id} was in, or {@code null} if it ran no
	 * tracked task.
	 */
	Long runOf(long id) {
		return this.runs.get(id);
	}

	/** The virtual threads as the last read of them saw them. */
	List<ThreadTrack> virtualThreads() {
		return this.threads.values().stream().filter(ThreadTrack::virtual).toList();
	}

	/** Whether thread {@code id} started after the first sample. */
	boolean startedSinceFirstSample(long id) {
		return id > this.baselineThreadId;
	}

	Map<List<StackTraceElement>, List<StackTraceElement>> frames() {
		return this.frames;
	}

	Map<Long, GrownThread> grown() {
		return this.grown;
	}

	/**
	 * The low a growth suspect of {@code key} was judged against while it lives, else the
	 * baseline's low; zero at the last sample for a series first seen since then,
	 * {@code null} before the first sample.
	 */
	GrowthMarks.Low growthLow(Evaluation.GrowthKey key) {
		GrowthMarks.Low held = this.growthLows.get(key);
		if (held != null) {
			return held;
		}
		GrowthMarks marks = this.growth.get(key);
		if (marks != null) {
			return marks.low();
		}
		return (this.sampledNanos >= 0) ? new GrowthMarks.Low(0, 0, this.sampledNanos) : null;
	}

	/**
	 * When the deadlock cycle {@code key} was first seen, or {@code otherwise} when it is
	 * new.
	 */
	long deadlockSince(List<String> key, long otherwise) {
		return this.deadlocks.getOrDefault(key, otherwise);
	}

	QueueHistory queue(TaskSource source) {
		return this.queues.get(source);
	}

	/**
	 * Records {@code snapshot}, the runs of {@code work} it was read with and what
	 * {@code evaluation} found in it; the sampler's alone to call.
	 */
	void advance(Snapshot snapshot, TaskThreads work, Evaluation evaluation) {
		long now = snapshot.nowNanos();
		this.threads = Collections.unmodifiableMap(snapshot.threads());
		this.runs = work.runs();
		this.frames = internedFrames(snapshot.threads());
		if (this.sampledNanos < 0) {
			this.baselineThreadId = snapshot.threads().keySet().stream().mapToLong(Long::longValue).max().orElse(0);
		}
		long bucket = snapshot.settings().growthWindow().toNanos();
		for (Map.Entry<Evaluation.GrowthKey, long[]> entry : evaluation.growthCounts.entrySet()) {
			this.growth.computeIfAbsent(entry.getKey(), (key) -> zeroSince(this.sampledNanos, bucket))
				.mark(now, entry.getValue()[0], entry.getValue()[1], bucket);
		}
		this.growth.forEach((key, marks) -> {
			if (!evaluation.growthCounts.containsKey(key)) {
				marks.mark(now, 0, 0, bucket);
			}
		});
		this.growth.values().removeIf(GrowthMarks::allZero);
		this.grown = Map.copyOf(evaluation.grown);
		Map<List<String>, Long> deadlocks = new HashMap<>();
		snapshot.deadlocks()
			.forEach((deadlock) -> deadlocks.put(DeadlockRule.keyOf(deadlock),
					deadlockSince(DeadlockRule.keyOf(deadlock), now)));
		this.deadlocks = Map.copyOf(deadlocks);
		this.growthLows = Map.copyOf(evaluation.growthLows);
		for (TaskSource source : snapshot.sources()) {
			this.queues.computeIfAbsent(source, (key) -> new QueueHistory())
				.mark(now, source.submittedCount(), source.dequeuedCount());
		}
		this.sampledNanos = now;
	}

	/**
	 * Marks for a series first counted now: it had none at the last sample, if there was
	 * one.
	 */
	private static GrowthMarks zeroSince(long lastSampleNanos, long bucket) {
		GrowthMarks marks = new GrowthMarks();
		if (lastSampleNanos >= 0) {
			marks.mark(lastSampleNanos, 0, 0, bucket);
		}
		return marks;
	}

	/**
	 * One instance of each stack the live threads hold, for the next sample to intern its
	 * reads into.
	 */
	private static Map<List<StackTraceElement>, List<StackTraceElement>> internedFrames(Map<Long, ThreadTrack> tracks) {
		Set<List<StackTraceElement>> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
		for (ThreadTrack track : tracks.values()) {
			if (track.frames() != null) {
				distinct.add(track.frames());
			}
		}
		Map<List<StackTraceElement>, List<StackTraceElement>> interned = new HashMap<>(distinct.size() * 2);
		distinct.forEach((frames) -> interned.putIfAbsent(frames, frames));
		return interned;
	}

}
