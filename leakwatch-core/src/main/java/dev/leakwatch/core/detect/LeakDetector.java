package dev.leakwatch.core.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.report.ThreadSummary;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.thread.BlockingCalls;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.StackGroups;
import dev.leakwatch.core.thread.ThreadFamilies;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * Applies the leak rules to the tracked tasks and live threads.
 * <p>
 * {@link #sample()} runs in the background: it reads stacks only of tasks old enough to matter, and remembers
 * them, since a task is stuck only when it is blocked on the same stack in consecutive samples (a long task
 * whose stack keeps changing is progressing). {@link #report()} takes a full dump and judges it against the
 * last sample, so a report is as fresh as the request that asks for it.
 */
public final class LeakDetector {

	private final TaskTracker tracker;

	private final DetectorSettings settings;

	private final ThreadMXBean threads;

	private final LongSupplier nanoClock;

	private final long thresholdNanos;

	private final long watchNanos;

	private final Map<TaskSource, QueueHistory> queues = new ConcurrentHashMap<>();

	private Map<Long, Observation> observations = Map.of();

	private volatile Sample latest = Sample.EMPTY;

	public LeakDetector(TaskTracker tracker, DetectorSettings settings) {
		this(tracker, settings, ManagementFactory.getThreadMXBean(), System::nanoTime);
	}

	LeakDetector(TaskTracker tracker, DetectorSettings settings, ThreadMXBean threads, LongSupplier nanoClock) {
		this.tracker = tracker;
		this.settings = settings;
		this.threads = threads;
		this.nanoClock = nanoClock;
		this.thresholdNanos = settings.stuckThreshold().toNanos();
		// watch tasks one interval before they can be stuck, so the first stuck sample has one to compare with
		this.watchNanos = Math.max(0, this.thresholdNanos - settings.sampleInterval().toNanos());
	}

	public DetectorSettings settings() {
		return this.settings;
	}

	/** What the last {@link #sample()} found. */
	public Sample latest() {
		return this.latest;
	}

	/** One background sample: cheap enough to run every few seconds with thousands of threads. */
	public Sample sample() {
		long now = this.nanoClock.getAsLong();
		List<RunningTask> running = this.tracker.running();
		List<RunningTask> watched = new ArrayList<>();
		for (RunningTask task : running) {
			if (task.ageNanos(now) >= this.watchNanos) {
				watched.add(task);
			}
		}
		Map<Long, ThreadStack> stacks = stacksOf(watched);
		List<Deadlock> deadlocks = findDeadlocks();
		Evaluation evaluation;
		synchronized (this) {
			markQueues(now);
			evaluation = evaluate(now, running, stacks, deadlocks);
			this.observations = observe(watched, stacks);
		}
		int deadlocked = deadlocks.stream().mapToInt((deadlock) -> deadlock.threads().size()).sum();
		Sample sample = new Sample(evaluation.sources, evaluation.suspects, deadlocked,
				ThreadFamilies.count(liveThreadNames(), this.settings.maxFamilies()));
		this.latest = sample;
		return sample;
	}

	/** A full report: every live thread grouped by stack, suspects judged against the last sample. */
	public LeakReport report() {
		long now = this.nanoClock.getAsLong();
		Instant timestamp = Instant.now();
		ThreadInfo[] infos = this.threads.dumpAllThreads(false, false, this.settings.stackDepth());
		List<ThreadStack> all = new ArrayList<>(infos.length);
		Map<Long, ThreadStack> byId = new HashMap<>();
		for (ThreadInfo info : infos) {
			ThreadStack stack = ThreadStack.of(info);
			all.add(stack);
			byId.put(stack.id(), stack);
		}
		List<RunningTask> running = this.tracker.running();
		List<Deadlock> deadlocks = findDeadlocks();
		Evaluation evaluation;
		synchronized (this) {
			evaluation = evaluate(now, running, byId, deadlocks);
		}
		ThreadSummary summary = new ThreadSummary(this.threads.getThreadCount(), this.threads.getDaemonThreadCount(),
				this.threads.getPeakThreadCount(),
				ThreadFamilies.count(all.stream().map(ThreadStack::name).toList(), this.settings.maxFamilies()));
		return new LeakReport(timestamp, seconds(this.thresholdNanos), summary,
				List.copyOf(evaluation.sources.values()), evaluation.suspects,
				StackGroups.group(all, (thread) -> IdleThreads.isIdle(thread, this.settings.idleFilters())),
				deadlocks);
	}

	private Evaluation evaluate(long now, List<RunningTask> running, Map<Long, ThreadStack> stacks,
			List<Deadlock> deadlocks) {
		SuspectCollector suspects = new SuspectCollector();
		Map<TaskSource, long[]> stuckAndOldest = new HashMap<>(); // {stuck, oldest start}
		Map<TaskSource, List<RunningTask>> bySource = new HashMap<>();
		for (RunningTask task : running) {
			bySource.computeIfAbsent(task.source(), (source) -> new ArrayList<>()).add(task);
			long[] stats = stuckAndOldest.computeIfAbsent(task.source(), (source) -> new long[] { 0, now });
			stats[1] = Math.min(stats[1], task.startNanos());
			ThreadStack stack = stacks.get(task.thread().getId());
			if (isStuck(task, stack, now)) {
				stats[0]++;
				suspects.add(SuspectKind.STUCK_TASK, task.source().name(), task.description(), 1,
						seconds(task.ageNanos(now)), stack.state(), List.of(stack.name()), stack.frameLines(),
						task.submitSite().stream().map(StackTraceElement::toString).toList());
			}
		}
		Map<TaskSource, SourceStats> sources = new LinkedHashMap<>();
		for (TaskSource source : this.tracker.sources()) {
			long[] stats = stuckAndOldest.getOrDefault(source, new long[] { 0, now });
			sources.put(source, new SourceStats(source.name(), source.kind().tag(), source.active(),
					source.queued(), stats[0], source.completed(), seconds(now - stats[1])));
			addIfStarved(source, now, bySource.getOrDefault(source, List.of()), stacks, suspects);
		}
		for (Deadlock deadlock : deadlocks) {
			Deadlock.DeadlockedThread first = deadlock.threads().get(0);
			suspects.add(SuspectKind.DEADLOCK, null, null, deadlock.threads().size(), 0, first.state(),
					deadlock.threads().stream().map(Deadlock.DeadlockedThread::name).toList(), first.stack(),
					List.of());
		}
		return new Evaluation(sources, suspects.suspects());
	}

	private boolean isStuck(RunningTask task, ThreadStack stack, long now) {
		if (stack == null || task.ageNanos(now) < this.thresholdNanos || !BlockingCalls.isBlocked(stack)
				|| IdleThreads.isIdle(stack, this.settings.idleFilters())) {
			return false;
		}
		Observation before = this.observations.get(stack.id());
		return before != null && before.identity == task.identity() && before.startNanos == task.startNanos()
				&& before.state == stack.state() && before.frames.equals(stack.frames());
	}

	private void addIfStarved(TaskSource source, long now, List<RunningTask> running, Map<Long, ThreadStack> stacks,
			SuspectCollector suspects) {
		QueueHistory history = this.queues.get(source);
		long queued = source.queued();
		if (history == null || queued == 0 || running.isEmpty()) {
			return;
		}
		OptionalLong since = history.waitingSince(source.dequeuedCount());
		if (since.isEmpty() || now - since.getAsLong() < this.thresholdNanos) {
			return;
		}
		// show what holds the workers: the oldest running task's stack, when it was read
		RunningTask oldest = running.stream().min((a, b) -> Long.compare(a.startNanos(), b.startNanos())).get();
		ThreadStack holder = stacks.get(oldest.thread().getId());
		suspects.add(SuspectKind.STARVED_QUEUE, source.name(), null, (int) Math.min(queued, Integer.MAX_VALUE),
				seconds(now - since.getAsLong()), null,
				running.stream().map((task) -> task.thread().getName()).toList(),
				(holder != null) ? holder.frameLines() : List.of(), List.of());
	}

	private void markQueues(long now) {
		for (TaskSource source : this.tracker.sources()) {
			this.queues.computeIfAbsent(source, (key) -> new QueueHistory())
				.mark(now, source.submittedCount(), source.dequeuedCount());
		}
	}

	private Map<Long, Observation> observe(List<RunningTask> watched, Map<Long, ThreadStack> stacks) {
		Map<Long, Observation> observed = new HashMap<>();
		for (RunningTask task : watched) {
			ThreadStack stack = stacks.get(task.thread().getId());
			if (stack != null) {
				observed.put(stack.id(),
						new Observation(task.identity(), task.startNanos(), stack.state(), stack.frames()));
			}
		}
		return observed;
	}

	private Map<Long, ThreadStack> stacksOf(List<RunningTask> tasks) {
		if (tasks.isEmpty()) {
			return Map.of();
		}
		long[] ids = tasks.stream().mapToLong((task) -> task.thread().getId()).distinct().toArray();
		Map<Long, ThreadStack> stacks = new HashMap<>();
		for (ThreadInfo info : this.threads.getThreadInfo(ids, this.settings.stackDepth())) {
			if (info != null) {
				stacks.put(info.getThreadId(), ThreadStack.of(info));
			}
		}
		return stacks;
	}

	private List<Deadlock> findDeadlocks() {
		long[] ids = this.threads.isSynchronizerUsageSupported() ? this.threads.findDeadlockedThreads()
				: this.threads.findMonitorDeadlockedThreads();
		if (ids == null) {
			return List.of();
		}
		Map<Long, ThreadInfo> infos = new LinkedHashMap<>();
		for (ThreadInfo info : this.threads.getThreadInfo(ids, true, this.threads.isSynchronizerUsageSupported(),
				this.settings.stackDepth())) {
			if (info != null) {
				infos.put(info.getThreadId(), info);
			}
		}
		return DeadlockCycles.of(infos);
	}

	private List<String> liveThreadNames() {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null) {
			root = root.getParent();
		}
		Thread[] live = new Thread[root.activeCount() + 16];
		int count = root.enumerate(live, true);
		List<String> names = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			names.add(live[i].getName());
		}
		return names;
	}

	static double seconds(long nanos) {
		return Math.round(nanos / (double) TimeUnit.MILLISECONDS.toNanos(100)) / 10.0;
	}

	private record Observation(Object identity, long startNanos, Thread.State state,
			List<StackTraceElement> frames) {
	}

	private record Evaluation(Map<TaskSource, SourceStats> sources, List<Suspect> suspects) {
	}

}
