package dev.leakwatch.core.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.IdleFilter;
import dev.leakwatch.core.report.LeakDiff;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.ThreadSummary;
import dev.leakwatch.core.task.RunningRequest;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.task.Threads;
import dev.leakwatch.core.thread.GroupChange;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.LeakwatchThreads;
import dev.leakwatch.core.thread.StackGroup;
import dev.leakwatch.core.thread.StackGroups;
import dev.leakwatch.core.thread.ThreadFamilies;
import dev.leakwatch.core.thread.ThreadStack;
import dev.leakwatch.core.thread.VirtualThreads;

/**
 * Applies the leak rules to the tracked tasks and every live thread.
 * <p>
 * {@link #sample()} runs in the background: it reads every thread's state and wait counts
 * (no safepoint), the stacks only of threads that have waited long enough to matter,
 * judges the {@link Snapshot} against the {@link History} of earlier samples and then
 * records it there. {@link #report()} takes a full dump and judges it the same way
 * against the latest history, without changing it, so a report is as fresh as its
 * request.
 */
public final class LeakDetector {

	/** Two dumps this far apart: a thread in only one of them is churn, not a change. */
	static final Duration CHURN_PAUSE = Duration.ofMillis(250);

	/**
	 * Virtual threads are read again only after this many times the last read's cost has
	 * passed, so that their dump (every thread's stack, as JSON) takes at most 1% of a
	 * core however many there are.
	 */
	static final int VIRTUAL_READ_SPACING = 100;

	private final TaskTracker tracker;

	private final DetectorSettings settings;

	private final ThreadMXBean threads;

	private final LongSupplier nanoClock;

	private final ThreadSampling sampling;

	private final List<SuspectRule> rules = List.of(new StuckTaskRule(), new StarvedQueueRule(), new DeadlockRule(),
			new SchedulerStarvationRule(), new PeriodicGrowthRule(), new HttpRule(), new ThreadGrowthRule());

	private final History history = new History();

	private volatile Sample latest = Sample.EMPTY;

	private volatile Baseline baseline;

	/** Where each thread was started, once a recorder is set. */
	private volatile LongFunction<CreationSite> createdBy = Snapshot.NO_SITES;

	/**
	 * When the sampler last read virtual threads, and what that read cost; the sampler's
	 * alone.
	 */
	private long virtualReadNanos = Long.MIN_VALUE;

	private long virtualReadCostNanos;

	public LeakDetector(TaskTracker tracker, DetectorSettings settings) {
		this(tracker, settings, ManagementFactory.getThreadMXBean(), System::nanoTime);
	}

	LeakDetector(TaskTracker tracker, DetectorSettings settings, ThreadMXBean threads, LongSupplier nanoClock) {
		this.tracker = tracker;
		this.settings = settings;
		this.threads = threads;
		this.nanoClock = nanoClock;
		this.sampling = new ThreadSampling(threads, settings);
	}

	public DetectorSettings settings() {
		return this.settings;
	}

	/**
	 * Where threads were started, by thread id (a {@code ThreadOrigins::siteOf}): from
	 * now on growth suspects are split by creation site, suspects of threads and the
	 * grouped dump say where their threads were created.
	 */
	public void setCreatedBy(LongFunction<CreationSite> createdBy) {
		this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
	}

	/**
	 * Where threads were started, by thread id: {@link CreationSite#UNKNOWN} until a
	 * recorder is set.
	 */
	public LongFunction<CreationSite> createdBy() {
		return this.createdBy;
	}

	/** What the last {@link #sample()} found. */
	public Sample latest() {
		return this.latest;
	}

	/**
	 * One background sample: cheap enough to run every few seconds with thousands of
	 * threads.
	 */
	public synchronized Sample sample() {
		long now = this.nanoClock.getAsLong();
		List<RunningTask> running = this.tracker.running();
		List<RunningRequest> requests = this.tracker.requests();
		TaskThreads work = TaskThreads.of(running, requests);
		List<ThreadStack> virtual = virtualThreadsDue(now) ? readVirtualThreads(now) : null;
		Snapshot snapshot = snapshot(now, running, requests, this.sampling.sample(now, this.history, work,
				virtualTasks(running), virtual, this.settings.virtualThreads()));
		Evaluation evaluation = evaluate(snapshot);
		this.history.advance(snapshot, work, evaluation);
		int deadlocked = snapshot.deadlocks().stream().mapToInt((deadlock) -> deadlock.threads().size()).sum();
		List<String> platformNames = snapshot.threads()
			.values()
			.stream()
			.filter((track) -> !track.virtual())
			.map(ThreadTrack::name)
			.toList();
		Sample sample = new Sample(sourceStats(snapshot, evaluation), evaluation.suspects.suspects(), deadlocked,
				ThreadFamilies.count(platformNames, this.settings.maxFamilies()));
		this.latest = sample;
		return sample;
	}

	/**
	 * The virtual threads of the oldest running tracked tasks, as many as a sample reads
	 * stacks.
	 */
	private static List<Thread> virtualTasks(List<RunningTask> running) {
		return running.stream()
			.filter((task) -> Threads.isVirtual(task.thread()))
			.sorted(Comparator.comparingLong(RunningTask::startNanos))
			.limit(ThreadSampling.STACK_READS_PER_SAMPLE)
			.map(RunningTask::thread)
			.toList();
	}

	private boolean virtualThreadsDue(long now) {
		return this.settings.virtualThreads() && VirtualThreads.available() && (this.virtualReadNanos == Long.MIN_VALUE
				|| now - this.virtualReadNanos >= this.virtualReadCostNanos * VIRTUAL_READ_SPACING);
	}

	private List<ThreadStack> readVirtualThreads(long now) {
		long start = System.nanoTime();
		List<ThreadStack> virtual = VirtualThreads.dump(this.settings.stackDepth());
		this.virtualReadCostNanos = System.nanoTime() - start;
		this.virtualReadNanos = now;
		return virtual;
	}

	/** Records the grouped dump that {@link #diff()} compares with from now on. */
	public LeakDiff recordBaseline() {
		LastingThreads lasting = lastingThreads();
		this.baseline = new Baseline(Instant.now(), groups(lasting.threads));
		return new LeakDiff(this.baseline.timestamp, this.baseline.timestamp, List.of(), lasting.notes());
	}

	/**
	 * The groups whose count changed since the baseline; the first call without one
	 * records it. Both sides leave out leakwatch's own threads and threads that came and
	 * went within {@link #CHURN_PAUSE}.
	 */
	public LeakDiff diff() {
		Baseline base = this.baseline;
		if (base == null) {
			return recordBaseline();
		}
		LastingThreads lasting = lastingThreads();
		return new LeakDiff(Instant.now(), base.timestamp, GroupChange.between(base.groups, groups(lasting.threads)),
				lasting.notes());
	}

	/**
	 * The threads of a dump that were alive {@link #CHURN_PAUSE} before it too,
	 * leakwatch's own left out.
	 */
	private LastingThreads lastingThreads() {
		Set<Long> earlier = new HashSet<>();
		for (long id : this.threads.getAllThreadIds()) {
			earlier.add(id);
		}
		try {
			Thread.sleep(CHURN_PAUSE.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		List<ThreadStack> lasting = new ArrayList<>();
		int own = 0;
		int churn = 0;
		for (ThreadInfo info : this.threads.dumpAllThreads(false, false, this.settings.stackDepth())) {
			ThreadStack thread = ThreadStack.of(info);
			if (LeakwatchThreads.isOwn(thread)) {
				own++;
			}
			else if (!earlier.contains(thread.id())) {
				churn++;
			}
			else {
				lasting.add(thread);
			}
		}
		return new LastingThreads(lasting, own, churn);
	}

	private List<StackGroup> groups(List<ThreadStack> all) {
		LongFunction<CreationSite> sites = this.createdBy;
		return StackGroups.group(all, (thread) -> IdleThreads.isIdle(thread, this.settings.idleFilters()),
				(sites != Snapshot.NO_SITES) ? sites : null);
	}

	/**
	 * A full report: every live thread grouped by stack, suspects judged against the last
	 * sample.
	 */
	public LeakReport report() {
		return report(this.settings.virtualThreads());
	}

	/**
	 * A full report, with virtual threads in the groups and counts when
	 * {@code includeVirtual} (JDK 21+; before that, the report says so in its notes).
	 */
	public LeakReport report(boolean includeVirtual) {
		long now = this.nanoClock.getAsLong();
		Instant timestamp = Instant.now();
		List<String> notes = new ArrayList<>();
		List<ThreadStack> virtual = null;
		if (includeVirtual && VirtualThreads.available()) {
			virtual = VirtualThreads.dump(this.settings.stackDepth());
		}
		else if (includeVirtual) {
			notes.add(VirtualThreads.unavailableReason());
		}
		List<RunningTask> running = this.tracker.running();
		List<RunningRequest> requests = this.tracker.requests();
		Snapshot snapshot = snapshot(now, running, requests, this.sampling.full(now, this.history,
				TaskThreads.of(running, requests), virtualTasks(running), virtual));
		Evaluation evaluation = evaluate(snapshot);
		List<ThreadStack> all = snapshot.threads()
			.values()
			.stream()
			.map(ThreadTrack::stack)
			.filter((thread) -> !LeakwatchThreads.isOwn(thread))
			.toList();
		notes.addAll(ownLeftOut(snapshot.threads().size() - all.size()));
		notes.addAll(this.tracker.reportNotes());
		List<String> platformNames = all.stream().filter((stack) -> !stack.virtual()).map(ThreadStack::name).toList();
		ThreadSummary summary = new ThreadSummary(this.threads.getThreadCount(), this.threads.getDaemonThreadCount(),
				this.threads.getPeakThreadCount(), ThreadFamilies.count(platformNames, this.settings.maxFamilies()),
				(virtual != null) ? virtual.size() : null);
		return new LeakReport(timestamp, seconds(snapshot.thresholdNanos()), summary,
				List.copyOf(sourceStats(snapshot, evaluation).values()), evaluation.suspects.suspects(), groups(all),
				snapshot.deadlocks(), List.copyOf(notes), idleFilters());
	}

	private List<IdleFilter> idleFilters() {
		return this.settings.idleFilters()
			.stream()
			.map((filter) -> new IdleFilter(filter.name(), filter.origin()))
			.toList();
	}

	private Snapshot snapshot(long now, List<RunningTask> running, List<RunningRequest> requests,
			Map<Long, ThreadTrack> tracks) {
		return new Snapshot(now, this.settings, tracks, running, requests, this.tracker.scheduled(), findDeadlocks(),
				this.tracker.sources(), this.createdBy);
	}

	private Evaluation evaluate(Snapshot snapshot) {
		Evaluation evaluation = new Evaluation();
		for (SuspectRule rule : this.rules) {
			rule.evaluate(snapshot, this.history, evaluation);
		}
		return evaluation;
	}

	private static Map<TaskSource, SourceStats> sourceStats(Snapshot snapshot, Evaluation evaluation) {
		Map<TaskSource, Long> periodic = PeriodicGrowthRule.count(snapshot.scheduled());
		Map<TaskSource, SourceStats> sources = new LinkedHashMap<>();
		for (TaskSource source : snapshot.sources()) {
			LongStream starts = LongStream.concat(
					snapshot.running()
						.stream()
						.filter((task) -> Snapshot.runsOn(task.source(), source))
						.mapToLong(RunningTask::startNanos),
					snapshot.requests()
						.stream()
						.filter((request) -> Snapshot.runsOn(request.source(), source))
						.mapToLong(RunningRequest::startNanos));
			long oldestStart = starts.min().orElse(snapshot.nowNanos());
			long stuck = evaluation.stuck.stream().filter((stuckOn) -> Snapshot.runsOn(stuckOn, source)).count();
			sources.put(source,
					new SourceStats(source.name(), source.kind().tag(), source.active(), source.queued(), stuck,
							source.completed(), seconds(snapshot.nowNanos() - oldestStart),
							periodic.getOrDefault(source, 0L)));
		}
		return sources;
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

	static double seconds(long nanos) {
		return Math.round(nanos / (double) TimeUnit.MILLISECONDS.toNanos(100)) / 10.0;
	}

	private static List<String> ownLeftOut(int own) {
		return (own > 0) ? List.of("left out " + own
				+ " of leakwatch's own threads (its sampler, clock and the requests reading" + " leaks)") : List.of();
	}

	private record Baseline(Instant timestamp, List<StackGroup> groups) {
	}

	private record LastingThreads(List<ThreadStack> threads, int own, int churn) {

		List<String> notes() {
			List<String> notes = new ArrayList<>(ownLeftOut(this.own));
			if (this.churn > 0) {
				notes.add("left out " + this.churn + " threads that started within " + CHURN_PAUSE.toMillis()
						+ " ms of the dump: churn, not change");
			}
			return notes;
		}

	}

}
