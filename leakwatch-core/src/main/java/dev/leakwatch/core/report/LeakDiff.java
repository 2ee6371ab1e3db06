package dev.leakwatch.core.report;

import java.time.Instant;
import java.util.List;

import dev.leakwatch.core.thread.GroupChange;

/**
 * How the grouped dump changed since a baseline.
 *
 * @param timestamp when the current dump was taken
 * @param baselineTimestamp when the baseline was recorded
 * @param changes the groups whose count changed, largest change first
 * @param notes what was left out of both dumps, and why
 */
public record LeakDiff(Instant timestamp, Instant baselineTimestamp, List<GroupChange> changes, List<String> notes) {

	public LeakDiff {
		notes = List.copyOf(notes);
	}

}
