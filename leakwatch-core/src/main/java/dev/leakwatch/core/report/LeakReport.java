package dev.leakwatch.core.report;

import java.time.Instant;
import java.util.List;

import dev.leakwatch.core.thread.StackGroup;

/**
 * Everything leakwatch knows at one instant: threads, task sources, suspects, deadlocks
 * and the grouped dump.
 *
 * @param timestamp when it was taken
 * @param stuckThresholdSeconds how long a blocked task runs before it is stuck
 * @param threads live thread counts and families
 * @param sources every tracked source
 * @param suspects leak suspects, most threads first
 * @param groups all live threads folded by state and stack, largest first
 * @param deadlocks deadlock cycles
 * @param notes what the report could not cover, and why
 * @param idleFilters the idle-thread filters the detector applies, in the order it tries
 * them
 */
public record LeakReport(Instant timestamp, double stuckThresholdSeconds, ThreadSummary threads,
		List<SourceStats> sources, List<Suspect> suspects, List<StackGroup> groups, List<Deadlock> deadlocks,
		List<String> notes, List<IdleFilter> idleFilters) {

	/**
	 * A report that covered everything it was asked to, without the filters it applied.
	 */
	public LeakReport(Instant timestamp, double stuckThresholdSeconds, ThreadSummary threads, List<SourceStats> sources,
			List<Suspect> suspects, List<StackGroup> groups, List<Deadlock> deadlocks) {
		this(timestamp, stuckThresholdSeconds, threads, sources, suspects, groups, deadlocks, List.of(), List.of());
	}

	/** A report without the filters it applied. */
	public LeakReport(Instant timestamp, double stuckThresholdSeconds, ThreadSummary threads, List<SourceStats> sources,
			List<Suspect> suspects, List<StackGroup> groups, List<Deadlock> deadlocks, List<String> notes) {
		this(timestamp, stuckThresholdSeconds, threads, sources, suspects, groups, deadlocks, notes, List.of());
	}

}
