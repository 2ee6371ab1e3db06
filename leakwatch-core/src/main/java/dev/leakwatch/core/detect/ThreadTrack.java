package dev.leakwatch.core.detect;

import java.util.Arrays;
import java.util.List;

import dev.leakwatch.core.thread.ThreadFamilies;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * One live thread as the sampler knows it: its current episode (the same state, wait
 * counts and lock since {@code sinceNanos}), its frames when they were read in this
 * episode, and the waits it woke from before. Compact on purpose: the sampler keeps one
 * per live thread, with frames interned across threads.
 *
 * @param id the thread id
 * @param name the thread name
 * @param state its state
 * @param daemon whether it is a daemon thread
 * @param virtual whether it is a virtual thread
 * @param waits how often it has waited or blocked ({@code ThreadInfo} counts); {@code -1}
 * for a virtual thread
 * @param lock the identity of what it waits on (hash of the JVM's lock name), or 0
 * @param sinceNanos when this episode was first seen
 * @param startKnown whether a sample saw the thread in another episode before, so that
 * this one began within one sample interval of {@code sinceNanos}; a thread first seen in
 * a wait may have waited long before
 * @param continued whether the previous sample saw this same episode
 * @param frames the frames, innermost first, when read in this episode; else {@code null}
 * @param role what its frames say it does
 * @param idleReason the idle filter that matched, or {@code null}
 * @param wokeFrom the locks of earlier episodes it woke from, most recent first, at most
 * {@link #MAX_WOKE_FROM}
 * @param loop whether it waits again on a lock it woke from before: a worker loop waiting
 * for its next item
 * @param everRead whether its frames were read in any episode
 * @param timerThread whether a read showed it is a {@code java.util.Timer}'s thread,
 * which wakes for every run and so is rarely read in a long episode
 */
record ThreadTrack(long id, String name, Thread.State state, boolean daemon, boolean virtual, long waits, int lock,
		long sinceNanos, boolean startKnown, boolean continued, List<StackTraceElement> frames, ThreadRole role,
		String idleReason, int[] wokeFrom, boolean loop, boolean everRead, boolean timerThread) {

	static final int MAX_WOKE_FROM = 4;

	static final int[] NONE = new int[0];

	/** Whether {@code lock} is one this thread woke from before. */
	static boolean wokeFrom(int[] wokeFrom, int lock) {
		if (lock == 0) {
			return false;
		}
		for (int earlier : wokeFrom) {
			if (earlier == lock) {
				return true;
			}
		}
		return false;
	}

	/** {@code wokeFrom} with {@code lock} in front, bounded. */
	static int[] remember(int[] wokeFrom, int lock) {
		if (lock == 0 || (wokeFrom.length > 0 && wokeFrom[0] == lock)) {
			return wokeFrom;
		}
		int kept = 0;
		int[] next = new int[Math.min(MAX_WOKE_FROM, wokeFrom.length + 1)];
		next[kept++] = lock;
		for (int i = 0; i < wokeFrom.length && kept < next.length; i++) {
			if (wokeFrom[i] != lock) {
				next[kept++] = wokeFrom[i];
			}
		}
		return (kept == next.length) ? next : Arrays.copyOf(next, kept);
	}

	boolean read() {
		return this.frames != null;
	}

	/**
	 * The thread's name family; a virtual thread's apart from a platform family of the
	 * same name.
	 */
	String family() {
		String family = ThreadFamilies.familyOf(this.name);
		return this.virtual ? "virtual:" + family : family;
	}

	long ageNanos(long nowNanos) {
		return nowNanos - this.sinceNanos;
	}

	/** The thread as a stack, or {@code null} when its frames were not read. */
	ThreadStack stack() {
		return (this.frames != null)
				? new ThreadStack(this.id, this.name, this.state, this.daemon, this.frames, null, null, this.virtual)
				: null;
	}

	ThreadTrack withFrames(List<StackTraceElement> frames, ThreadRole role, String idleReason, boolean timer) {
		return new ThreadTrack(this.id, this.name, this.state, this.daemon, this.virtual, this.waits, this.lock,
				this.sinceNanos, this.startKnown, this.continued, frames, role, idleReason, this.wokeFrom, this.loop,
				true, this.timerThread || timer);
	}

	/**
	 * This thread in a new episode from {@code nowNanos}: a RUNNABLE thread whose stack
	 * moved.
	 */
	ThreadTrack restartedAt(long nowNanos) {
		return new ThreadTrack(this.id, this.name, this.state, this.daemon, this.virtual, this.waits, this.lock,
				nowNanos, true, false, this.frames, this.role, this.idleReason, this.wokeFrom, false, this.everRead,
				this.timerThread);
	}

}
