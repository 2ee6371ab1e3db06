package dev.leakwatch.core.detect;

import java.util.ArrayDeque;

/**
 * The lowest count of one thing (a family's waiting threads, its executors, a task's
 * periodic copies) over the growth baseline: one bucket per growth window,
 * {@link #MAX_BUCKETS} of them, each keeping its lowest count and the last time it was
 * seen. Growth is judged against that low, so a burst and a slow steady rise (a thread a
 * minute for an hour) are both seen, and the growth began when the count last stood at
 * its low. Written by the sampler only; read by any evaluation.
 */
final class GrowthMarks {

	/** 288 windows: a day at the default five-minute window. */
	static final int MAX_BUCKETS = 288;

	/** {start, count, members, lastAtLowNanos} per bucket, oldest first. */
	private final ArrayDeque<long[]> buckets = new ArrayDeque<>();

	/** The count of the latest mark. */
	private long latest;

	/**
	 * The lowest mark: {@code count}, the {@code members} counted with it, and
	 * {@code sinceNanos}, the last time it stood there.
	 */
	record Low(long count, long members, long sinceNanos) {
	}

	synchronized void mark(long nowNanos, long count, long members, long bucketNanos) {
		this.latest = count;
		long[] last = this.buckets.peekLast();
		if (last == null || nowNanos - last[0] >= bucketNanos) {
			this.buckets.addLast(new long[] { nowNanos, count, members, nowNanos });
			if (this.buckets.size() > MAX_BUCKETS) {
				this.buckets.pollFirst();
			}
		}
		else if (count <= last[1]) {
			last[1] = count;
			last[2] = members;
			last[3] = nowNanos;
		}
	}

	/** The lowest mark, the latest one on a tie; {@code null} before the first mark. */
	synchronized Low low() {
		long[] low = null;
		for (long[] bucket : this.buckets) {
			if (low == null || bucket[1] <= low[1]) {
				low = bucket;
			}
		}
		return (low != null) ? new Low(low[1], low[2], low[3]) : null;
	}

	/** Whether the latest mark and every low are zero: nothing left to compare with. */
	synchronized boolean allZero() {
		return this.latest == 0 && this.buckets.stream().allMatch((bucket) -> bucket[1] == 0);
	}

}
