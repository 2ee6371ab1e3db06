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
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.LeakDiff;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.ThreadSummary;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.thread.GroupChange;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.StackGroup;
import dev.leakwatch.core.thread.StackGroups;
import dev.leakwatch.core.thread.ThreadFamilies;
import dev.leakwatch.core.thread.ThreadStack;
import dev.leakwatch.core.thread.VirtualThreads;

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

	private final List<SuspectRule> rules = List.of(new StuckTaskRule(), new StarvedQueueRule(), new DeadlockRule(),
			new SchedulerStarvationRule(), new PeriodicGrowthRule(), new HttpRule(), new ThreadGrowthRule());

	private volatile Sample latest = Sample.EMPTY;

	private volatile Baseline baseline;

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
			if (task.thread() != null && task.ageNanos(now) >= this.watchNanos) {
				watched.add(task);
			}
		}
		List<Look.LiveThread> live = new ArrayList<>(liveThreads());
		Map<Long, ThreadStack> virtual = new HashMap<>();
		if (this.settings.virtualThreads() && VirtualThreads.available()) {
			for (ThreadStack thread : VirtualThreads.dump(this.settings.stackDepth())) {
				virtual.put(thread.id(), thread);
				live.add(Look.LiveThread.of(thread));
			}
		}
		// a virtual thread's stack is only in the JSON dump: ThreadMXBean knows platform threads alone
		Map<Long, ThreadStack> watchedStacks = new HashMap<>(stacksOf(watched));
		watchedStacks.putAll(virtual);
		Look look = new Look(now, this.tracker, this.settings, running, watchedStacks, findDeadlocks(),
				this.tracker.scheduled(), live, (ids) -> {
					Map<Long, ThreadStack> stacks = new HashMap<>(readStacks(ids));
					stacks.putAll(virtual);
					return stacks;
				});
		Evaluation evaluation;
		synchronized (this) {
			this.rules.forEach((rule) -> rule.beforeSample(look));
			evaluation = evaluate(look);
			this.rules.forEach((rule) -> rule.afterSample(look));
		}
		int deadlocked = look.deadlocks.stream().mapToInt((deadlock) -> deadlock.threads().size()).sum();
		Sample sample = new Sample(evaluation.sources, evaluation.suspects, deadlocked, ThreadFamilies
			.count(live.stream().filter((thread) -> !thread.virtual()).map(Look.LiveThread::name).toList(),
					this.settings.maxFamilies()));
		this.latest = sample;
		return sample;
	}

	/** Records the grouped dump that {@link #diff()} compares with from now on. */
	public LeakDiff recordBaseline() {
		this.baseline = new Baseline(Instant.now(), groups(dump()));
		return new LeakDiff(this.baseline.timestamp, this.baseline.timestamp, List.of());
	}

	/** The groups whose count changed since the baseline; the first call without one records it. */
	public LeakDiff diff() {
		Baseline base = this.baseline;
		if (base == null) {
			return recordBaseline();
		}
		return new LeakDiff(Instant.now(), base.timestamp, GroupChange.between(base.groups, groups(dump())));
	}

	private List<ThreadStack> dump() {
		ThreadInfo[] infos = this.threads.dumpAllThreads(false, false, this.settings.stackDepth());
		List<ThreadStack> all = new ArrayList<>(infos.length);
		for (ThreadInfo info : infos) {
			all.add(ThreadStack.of(info));
		}
		return all;
	}

	private List<StackGroup> groups(List<ThreadStack> all) {
		return StackGroups.group(all, (thread) -> IdleThreads.isIdle(thread, this.settings.idleFilters()));
	}

	/** A full report: every live thread grouped by stack, suspects judged against the last sample. */
	public LeakReport report() {
		return report(this.settings.virtualThreads());
	}

	/**
	 * A full report, with virtual threads in the groups and counts when {@code includeVirtual} (JDK 21+; before
	 * that, the report says so in its notes).
	 */
	public LeakReport report(boolean includeVirtual) {
		long now = this.nanoClock.getAsLong();
		Instant timestamp = Instant.now();
		List<ThreadStack> platform = dump();
		List<ThreadStack> all = new ArrayList<>(platform);
		Integer virtualCount = null;
		List<String> notes = new ArrayList<>();
		if (includeVirtual && VirtualThreads.available()) {
			List<ThreadStack> virtual = VirtualThreads.dump(this.settings.stackDepth());
			all.addAll(virtual);
			virtualCount = virtual.size();
		}
		else if (includeVirtual) {
			notes.add(VirtualThreads.unavailableReason());
		}
		notes.addAll(this.tracker.reportNotes());
		Map<Long, ThreadStack> byId = new HashMap<>();
		all.forEach((stack) -> byId.put(stack.id(), stack));
		List<Look.LiveThread> live = all.stream().map(Look.LiveThread::of).toList();
		Look look = new Look(now, this.tracker, this.settings, this.tracker.running(), byId, findDeadlocks(),
				this.tracker.scheduled(), live, (ids) -> byId);
		Evaluation evaluation;
		synchronized (this) {
			evaluation = evaluate(look);
		}
		ThreadSummary summary = new ThreadSummary(this.threads.getThreadCount(), this.threads.getDaemonThreadCount(),
				this.threads.getPeakThreadCount(),
				ThreadFamilies.count(platform.stream().map(ThreadStack::name).toList(), this.settings.maxFamilies()),
				virtualCount);
		return new LeakReport(timestamp, seconds(this.thresholdNanos), summary,
				List.copyOf(evaluation.sources.values()), evaluation.suspects, groups(all), look.deadlocks,
				List.copyOf(notes));
	}

	private Evaluation evaluate(Look look) {
		SuspectCollector suspects = new SuspectCollector();
		for (SuspectRule rule : this.rules) {
			rule.evaluate(look, suspects);
		}
		Map<TaskSource, Long> periodic = PeriodicGrowthRule.count(look.scheduled);
		Map<TaskSource, SourceStats> sources = new LinkedHashMap<>();
		for (TaskSource source : this.tracker.sources()) {
			long oldestStart = look.running.stream()
				.filter((task) -> Look.runsOn(task, source))
				.mapToLong(RunningTask::startNanos)
				.min()
				.orElse(look.nowNanos);
			long stuck = look.stuck.stream().filter((task) -> Look.runsOn(task, source)).count();
			sources.put(source, new SourceStats(source.name(), source.kind().tag(), source.active(), source.queued(),
					stuck, source.completed(), seconds(look.nowNanos - oldestStart), periodic.getOrDefault(source, 0L)));
		}
		return new Evaluation(sources, suspects.suspects());
	}

	private Map<Long, ThreadStack> stacksOf(List<RunningTask> tasks) {
		return readStacks(tasks.stream().mapToLong((task) -> task.thread().getId()).distinct().toArray());
	}

	private Map<Long, ThreadStack> readStacks(long[] ids) {
		if (ids.length == 0) {
			return Map.of();
		}
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

	/** Live platform threads without a safepoint: enumerated from the root thread group. */
	private static List<Look.LiveThread> liveThreads() {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null) {
			root = root.getParent();
		}
		Thread[] live = new Thread[root.activeCount() + 16];
		int count = root.enumerate(live, true);
		List<Look.LiveThread> threads = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			threads.add(new Look.LiveThread(live[i].getId(), live[i].getName()));
		}
		return threads;
	}

	static double seconds(long nanos) {
		return Math.round(nanos / (double) TimeUnit.MILLISECONDS.toNanos(100)) / 10.0;
	}

	private record Baseline(Instant timestamp, List<StackGroup> groups) {
	}

	private record Evaluation(Map<TaskSource, SourceStats> sources, List<Suspect> suspects) {
	}

}
