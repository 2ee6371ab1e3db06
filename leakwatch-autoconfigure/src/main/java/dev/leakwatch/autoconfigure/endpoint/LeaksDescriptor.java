package dev.leakwatch.autoconfigure.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.leakwatch.core.origin.SiteCount;
import dev.leakwatch.core.proof.ProofResult;
import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.IdleFilter;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.ThreadSummary;
import dev.leakwatch.core.thread.FamilyCount;
import dev.leakwatch.core.thread.StackGroup;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The JSON body of {@code /actuator/leaks}. The endpoint owns this wire format: the
 * core's records map onto it, so a change in the core is not a change on the wire. Fields
 * may be added, none renamed; fields without a value are left out.
 */
public record LeaksDescriptor(Instant timestamp, double stuckThresholdSeconds, ThreadsDescriptor threads,
		List<SourceDescriptor> sources, List<SuspectDescriptor> suspects, List<GroupDescriptor> groups,
		List<DeadlockDescriptor> deadlocks, List<String> notes, List<IdleFilterDescriptor> idleFilters,
		@Nullable ProofDescriptor proof) implements OperationResponseBody {

	static LeaksDescriptor of(LeakReport report, @Nullable ProofResult proof) {
		return new LeaksDescriptor(report.timestamp(), report.stuckThresholdSeconds(),
				ThreadsDescriptor.of(report.threads()), map(report.sources(), SourceDescriptor::of),
				map(report.suspects(), SuspectDescriptor::of), map(report.groups(), GroupDescriptor::of),
				map(report.deadlocks(), DeadlockDescriptor::of), report.notes(),
				map(report.idleFilters(), IdleFilterDescriptor::of),
				(proof != null) ? ProofDescriptor.of(proof) : null);
	}

	static <T, D> List<D> map(List<T> values, Function<T, D> descriptor) {
		return values.stream().map(descriptor).toList();
	}

	/** Live platform threads; {@code virtual} only when virtual threads were read. */
	public record ThreadsDescriptor(int live, int daemon, int peak, List<FamilyDescriptor> families,
			@Nullable Integer virtual) {

		static ThreadsDescriptor of(ThreadSummary threads) {
			return new ThreadsDescriptor(threads.live(), threads.daemon(), threads.peak(),
					map(threads.families(), FamilyDescriptor::of), threads.virtual());
		}

	}

	/** How many live threads one name family has. */
	public record FamilyDescriptor(String family, int count) {

		static FamilyDescriptor of(FamilyCount family) {
			return new FamilyDescriptor(family.family(), family.count());
		}

	}

	/** One task source: an executor, scheduler or HTTP client. */
	public record SourceDescriptor(String source, String kind, long active, long queued, long stuck, long completed,
			double oldestAgeSeconds, long periodic) {

		static SourceDescriptor of(SourceStats source) {
			return new SourceDescriptor(source.source(), source.kind(), source.active(), source.queued(),
					source.stuck(), source.completed(), source.oldestAgeSeconds(), source.periodic());
		}

	}

	/** Leak suspects of one kind, source and stack, as one entry. */
	public record SuspectDescriptor(String kind, @Nullable String source, @Nullable String task, int count,
			double oldestAgeSeconds, Thread.@Nullable State state, List<String> threads, List<String> stack,
			List<String> submittedFrom, @Nullable String note, @Nullable String proof, List<String> createdBy) {

		static SuspectDescriptor of(Suspect suspect) {
			return new SuspectDescriptor(suspect.kind().name(), suspect.source(), suspect.task(), suspect.count(),
					suspect.oldestAgeSeconds(), suspect.state(), suspect.threads(), suspect.stack(),
					suspect.submittedFrom(), suspect.note(), suspect.proof(), suspect.createdBy());
		}

	}

	/**
	 * Live threads with the same state and stack, as Go's {@code goroutine?debug=1} folds
	 * them.
	 */
	public record GroupDescriptor(int count, Thread.State state, List<String> families, boolean idle,
			List<String> stack, List<SiteCountDescriptor> createdBy) {

		static GroupDescriptor of(StackGroup group) {
			return new GroupDescriptor(group.count(), group.state(), group.families(), group.idle(), group.stack(),
					map(group.createdBy(), SiteCountDescriptor::of));
		}

	}

	/** How many threads of a group were started from one site. */
	public record SiteCountDescriptor(SiteDescriptor site, int count) {

		static SiteCountDescriptor of(SiteCount site) {
			return new SiteCountDescriptor(
					new SiteDescriptor(site.site().kind().name(), site.site().via(), site.site().frames()),
					site.count());
		}

	}

	/**
	 * Where threads were started: {@code kind} says whether it was recorded, and
	 * {@code via} is what started them ({@code Thread.start}, an executor adding a
	 * worker) above the application's {@code frames}.
	 */
	public record SiteDescriptor(String kind, @Nullable String via, List<String> frames) {

	}

	/**
	 * An idle-thread filter the detector applies, in the order they are tried:
	 * {@code origin} says where it came from, its kind first ({@code default},
	 * {@code property leakwatch.idle.frames}, {@code bean <name>},
	 * {@code provider <class>}).
	 */
	public record IdleFilterDescriptor(String name, String origin) {

		static IdleFilterDescriptor of(IdleFilter filter) {
			return new IdleFilterDescriptor(filter.name(), filter.origin());
		}

	}

	/** Threads that wait for each other's locks forever. */
	public record DeadlockDescriptor(List<DeadlockedThreadDescriptor> threads) {

		static DeadlockDescriptor of(Deadlock deadlock) {
			return new DeadlockDescriptor(map(deadlock.threads(), DeadlockedThreadDescriptor::of));
		}

	}

	/** One thread of a deadlock: the lock it waits for and who holds it. */
	public record DeadlockedThreadDescriptor(String name, Thread.State state, @Nullable String lock,
			@Nullable String lockOwner, List<String> stack) {

		static DeadlockedThreadDescriptor of(Deadlock.DeadlockedThread thread) {
			return new DeadlockedThreadDescriptor(thread.name(), thread.state(), thread.lock(), thread.lockOwner(),
					thread.stack());
		}

	}

}
