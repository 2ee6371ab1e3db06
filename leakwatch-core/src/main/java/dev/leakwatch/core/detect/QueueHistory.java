package dev.leakwatch.core.detect;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * When the tasks now waiting in one source's queue had been submitted, from counters
 * alone. Each sample marks {@code (time, tasks submitted so far)}; with {@code d} tasks
 * out of the queue, task {@code d+1} (the oldest waiting one, for a FIFO queue) was
 * submitted by the first mark that counts more than {@code d}. The hot path pays nothing
 * for this; the estimate errs by at most one sample interval, on the short side.
 */
final class QueueHistory {

	private static final int MAX_MARKS = 1024;

	private final ArrayDeque<long[]> marks = new ArrayDeque<>();

	synchronized void mark(long nowNanos, long submitted, long dequeued) {
		while (!this.marks.isEmpty() && this.marks.peekFirst()[1] <= dequeued) {
			this.marks.pollFirst();
		}
		long[] last = this.marks.peekLast();
		if (submitted > dequeued && (last == null || last[1] < submitted)) {
			if (this.marks.size() == MAX_MARKS) {
				// keep the oldest mark: it is the evidence of how long the head has
				// waited
				long[] oldest = this.marks.pollFirst();
				this.marks.pollFirst();
				this.marks.addFirst(oldest);
			}
			this.marks.addLast(new long[] { nowNanos, submitted });
		}
	}

	/**
	 * When the oldest task still waiting had certainly been submitted, if any is waiting.
	 */
	synchronized OptionalLong waitingSince(long dequeued) {
		for (Iterator<long[]> it = this.marks.iterator(); it.hasNext();) {
			long[] mark = it.next();
			if (mark[1] > dequeued) {
				return OptionalLong.of(mark[0]);
			}
		}
		return OptionalLong.empty();
	}

}
