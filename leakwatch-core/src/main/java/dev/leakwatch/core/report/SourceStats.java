package dev.leakwatch.core.report;

/**
 * The state of one task source at one instant.
 *
 * @param source the executor or scheduler (bean) name
 * @param kind how its tasks were submitted ({@code executor}, {@code scheduler},
 * {@code async})
 * @param active tasks running
 * @param queued tasks waiting to start
 * @param stuck running tasks that are stuck
 * @param completed runs that ended
 * @param oldestAgeSeconds age of the oldest running task, or 0
 * @param periodic live periodic tasks: scheduled, not cancelled
 */
public record SourceStats(String source, String kind, long active, long queued, long stuck, long completed,
		double oldestAgeSeconds, long periodic) {
}
