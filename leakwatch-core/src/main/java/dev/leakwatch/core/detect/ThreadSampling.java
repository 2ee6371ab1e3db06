package dev.leakwatch.core.detect;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.leakwatch.core.thread.ThreadStack;

/**
 * Reads every live thread into a {@link ThreadTrack}, continuing the episodes of the
 * previous sample.
 * <p>
 * A background sample reads, for every platform thread, only what needs no safepoint
 * ({@code ThreadInfo} without a stack: state, wait counts, lock), and the stacks of at
 * most {@link #STACK_READS_PER_SAMPLE} threads that have waited long enough to matter and
 * whose stack is not known yet (or that are {@code RUNNABLE}, whose stack can move while
 * their counts stand still). A thread whose state, counts and lock did not change has not
 * left its wait, so its stack is the one read before. A full read (the endpoint's) takes
 * every stack in one dump.
 */
final class ThreadSampling {

	/**
	 * Stacks read per background sample at most: a stack read stops the JVM, about 30 us
	 * a thread at depth 64.
	 */
	static final int STACK_READS_PER_SAMPLE = 64;

	private final ThreadMXBean threads;

	private final DetectorSettings settings;

	private final long watchNanos;

	ThreadSampling(ThreadMXBean threads, DetectorSettings settings) {
		this.threads = threads;
		this.settings = settings;
		// read stacks one interval before a wait can be stuck, so the first stuck sample
		// has them
		this.watchNanos = Math.max(0, settings.stuckThreshold().toNanos() - settings.sampleInterval().toNanos());
	}

	/**
	 * A background read: counts for every platform thread, stacks where needed, first for
	 * the threads doing tracked work ({@code work}), whose wait may be as old as the
	 * work; virtual threads from {@code virtual} when it is not {@code null}, else, with
	 * {@code keepVirtual}, as the last read saw them (their dump is costly, so it is not
	 * taken every sample); the virtual threads of {@code virtualTasks} (running tracked
	 * tasks) each on its own, every sample.
	 */
	Map<Long, ThreadTrack> sample(long nowNanos, History history, TaskThreads work, List<Thread> virtualTasks,
			List<ThreadStack> virtual, boolean keepVirtual) {
		Map<Long, Long> taskStarts = work.starts();
		Frames frames = new Frames(history);
		ThreadInfo[] infos = this.threads.getThreadInfo(this.threads.getAllThreadIds(), 0);
		Map<Long, ThreadTrack> tracks = new HashMap<>(infos.length * 2);
		List<ThreadTrack> toRead = new ArrayList<>();
		for (ThreadInfo info : infos) {
			if (info == null) {
				continue; // ended between the two calls
			}
			ThreadTrack track = next(forTask(history, work, info.getThreadId()), info, null, nowNanos, frames);
			tracks.put(track.id(), track);
			long since = track.startKnown() ? track.sinceNanos()
					: Math.min(track.sinceNanos(), taskStarts.getOrDefault(track.id(), track.sinceNanos()));
			// read each thread once early, to know what it is, then when it has waited
			// long enough to matter; a thread counted in a growth suspect (a Timer's that
			// wakes between samples) at every sample its wait began anew, so that the
			// suspect shows it for as long as it lives
			boolean grown = !track.read() && history.grown().containsKey(track.id());
			if (!track.everRead() || grown || (nowNanos - since >= this.watchNanos
					&& (!track.read() || track.state() == Thread.State.RUNNABLE))) {
				toRead.add(track);
			}
		}
		toRead.sort(Comparator.comparing((ThreadTrack track) -> !taskStarts.containsKey(track.id()))
			.thenComparing(ThreadTrack::read)
			.thenComparing(ThreadTrack::everRead)
			.thenComparingLong(ThreadTrack::sinceNanos));
		readStacks(toRead.subList(0, Math.min(toRead.size(), STACK_READS_PER_SAMPLE)), tracks, nowNanos, frames);
		if (virtual != null) {
			addVirtual(virtual, history, nowNanos, frames, tracks);
		}
		else if (keepVirtual) {
			history.virtualThreads().forEach((track) -> tracks.put(track.id(), track));
		}
		addVirtual(readEach(virtualTasks), history, nowNanos, frames, tracks);
		return tracks;
	}

	/**
	 * A full read: every platform thread with its stack (one dump), and {@code virtual}
	 * when not {@code null}; {@code work} and {@code virtualTasks} as for
	 * {@link #sample}.
	 */
	Map<Long, ThreadTrack> full(long nowNanos, History history, TaskThreads work, List<Thread> virtualTasks,
			List<ThreadStack> virtual) {
		Frames frames = new Frames(history);
		ThreadInfo[] infos = this.threads.dumpAllThreads(false, false, this.settings.stackDepth());
		Map<Long, ThreadTrack> tracks = new HashMap<>(infos.length * 2);
		for (ThreadInfo info : infos) {
			ThreadTrack track = next(forTask(history, work, info.getThreadId()), info,
					frames.intern(Arrays.asList(info.getStackTrace())), nowNanos, frames);
			tracks.put(track.id(), track);
		}
		addVirtual(virtual, history, nowNanos, frames, tracks);
		addVirtual(readEach(virtualTasks), history, nowNanos, frames, tracks);
		return tracks;
	}

	/**
	 * Reads each of {@code threads} on its own, as the dump of virtual threads would: a
	 * few cost little, and so a tracked task on a virtual thread is judged at every
	 * sample rather than at every (spaced) dump. Always read this way, never from the
	 * dump, so that two reads of one thread compare alike.
	 */
	private List<ThreadStack> readEach(List<Thread> threads) {
		List<ThreadStack> read = new ArrayList<>(threads.size());
		for (Thread thread : threads) {
			StackTraceElement[] stack = thread.getStackTrace();
			Thread.State state = thread.getState();
			if (state != Thread.State.TERMINATED) {
				List<StackTraceElement> frames = Arrays.asList(stack)
					.subList(0, Math.min(stack.length, this.settings.stackDepth()));
				read.add(new ThreadStack(thread.getId(), thread.getName(), state, thread.isDaemon(), frames, null, null,
						true));
			}
		}
		return read;
	}

	private void readStacks(List<ThreadTrack> toRead, Map<Long, ThreadTrack> tracks, long nowNanos, Frames frames) {
		if (toRead.isEmpty()) {
			return;
		}
		long[] ids = toRead.stream().mapToLong(ThreadTrack::id).toArray();
		for (ThreadInfo info : this.threads.getThreadInfo(ids, this.settings.stackDepth())) {
			ThreadTrack track = (info != null) ? tracks.get(info.getThreadId()) : null;
			if (track == null || info.getThreadState() != track.state() || waits(info) != track.waits()) {
				continue; // it moved between the two reads: judged next time
			}
			List<StackTraceElement> read = frames.intern(Arrays.asList(info.getStackTrace()));
			ThreadTrack updated = (track.read() && !track.frames().equals(read)) ? track.restartedAt(nowNanos) : track;
			tracks.put(track.id(), ThreadRoles.classify(updated, read, this.settings.idleFilters()));
		}
	}

	private void addVirtual(List<ThreadStack> virtual, History history, long nowNanos, Frames frames,
			Map<Long, ThreadTrack> tracks) {
		if (virtual == null) {
			return;
		}
		for (ThreadStack thread : virtual) {
			ThreadTrack previous = history.thread(thread.id());
			List<StackTraceElement> read = frames.intern(thread.frames());
			int lock = lockOf(thread.lock());
			boolean same = previous != null && previous.state() == thread.state() && previous.lock() == lock
					&& read.equals(previous.frames());
			ThreadTrack track = same ? continued(previous, read) : started(previous, thread.id(), thread.name(),
					thread.state(), true, true, -1, lock, nowNanos, read);
			tracks.put(track.id(), track);
		}
	}

	/**
	 * Thread {@code id}'s last track as far as the tracked task it runs now is concerned:
	 * the waits it woke from before that task's run began were another task's, or its
	 * pool's, and say nothing of a loop in this one. The run tells, where the task's
	 * start could not: a task clock a tick behind dates a run that began after the last
	 * sample before that sample. A task run inline in another is part of the outer one's
	 * run, so a consumer loop that handles each item in a task of its own stays a loop. A
	 * thread that only waits for a request keeps its past: the request's wait is on a
	 * socket, or on a latch made for that call.
	 */
	private static ThreadTrack forTask(History history, TaskThreads work, long id) {
		ThreadTrack previous = history.thread(id);
		Long run = work.runs().get(id);
		if (previous == null || run == null || run.equals(history.runOf(id)) || previous.wokeFrom().length == 0) {
			return previous;
		}
		return new ThreadTrack(previous.id(), previous.name(), previous.state(), previous.daemon(), previous.virtual(),
				previous.waits(), 0, previous.sinceNanos(), previous.startKnown(), previous.continued(),
				previous.frames(), previous.role(), previous.idleReason(), ThreadTrack.NONE, false, previous.everRead(),
				previous.timerThread());
	}

	private ThreadTrack next(ThreadTrack previous, ThreadInfo info, List<StackTraceElement> read, long nowNanos,
			Frames frames) {
		long waits = waits(info);
		int lock = lockOf(info.getLockName());
		boolean same = previous != null && previous.state() == info.getThreadState() && previous.waits() == waits
				&& previous.lock() == lock;
		if (same) {
			ThreadTrack track = continued(previous, (read != null) ? read : previous.frames());
			boolean moved = read != null && previous.read() && track.state() == Thread.State.RUNNABLE
					&& !read.equals(previous.frames());
			return moved ? track.restartedAt(nowNanos) : track;
		}
		return started(previous, info.getThreadId(), info.getThreadName(), info.getThreadState(), info.isDaemon(),
				false, waits, lock, nowNanos, read);
	}

	private ThreadTrack continued(ThreadTrack previous, List<StackTraceElement> read) {
		ThreadTrack track = new ThreadTrack(previous.id(), previous.name(), previous.state(), previous.daemon(),
				previous.virtual(), previous.waits(), previous.lock(), previous.sinceNanos(), previous.startKnown(),
				true, null, ThreadRole.UNREAD, null, previous.wokeFrom(), previous.loop(), previous.everRead(),
				previous.timerThread());
		if (read == null) {
			return track;
		}
		return (read == previous.frames() && previous.role() != ThreadRole.UNREAD)
				? track.withFrames(read, previous.role(), previous.idleReason(), false)
				: ThreadRoles.classify(track, read, this.settings.idleFilters());
	}

	private ThreadTrack started(ThreadTrack previous, long id, String name, Thread.State state, boolean daemon,
			boolean virtual, long waits, int lock, long nowNanos, List<StackTraceElement> read) {
		int[] wokeFrom = (previous != null) ? ThreadTrack.remember(previous.wokeFrom(), previous.lock())
				: ThreadTrack.NONE;
		ThreadTrack track = new ThreadTrack(id, name, state, daemon, virtual, waits, lock, nowNanos, previous != null,
				false, null, ThreadRole.UNREAD, null, wokeFrom, ThreadTrack.wokeFrom(wokeFrom, lock),
				previous != null && previous.everRead(), previous != null && previous.timerThread());
		return (read != null) ? ThreadRoles.classify(track, read, this.settings.idleFilters()) : track;
	}

	private static long waits(ThreadInfo info) {
		return info.getWaitedCount() + info.getBlockedCount();
	}

	/**
	 * What a thread waits on, by identity: the JVM names a lock
	 * {@code class@identityHash}.
	 */
	static int lockOf(String lockName) {
		if (lockName == null) {
			return 0;
		}
		int hash = lockName.hashCode();
		return (hash != 0) ? hash : 1;
	}

	/**
	 * Frames interned across threads: many threads share one stack, and a track keeps its
	 * frames.
	 */
	static final class Frames {

		private final Map<List<StackTraceElement>, List<StackTraceElement>> known;

		private final Map<List<StackTraceElement>, List<StackTraceElement>> added = new HashMap<>();

		Frames(History history) {
			this.known = history.frames();
		}

		List<StackTraceElement> intern(List<StackTraceElement> frames) {
			Objects.requireNonNull(frames);
			List<StackTraceElement> held = this.known.get(frames);
			if (held != null) {
				return held;
			}
			return this.added.computeIfAbsent(List.copyOf(frames), (key) -> key);
		}

	}

}
