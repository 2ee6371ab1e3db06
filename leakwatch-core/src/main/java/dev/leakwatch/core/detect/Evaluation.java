package dev.leakwatch.core.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.TaskSource;

/**
 * What one evaluation of the rules found: the suspects, and what the sampler records in
 * the {@link History} from it (so that the rules run once per sample, and the history is
 * written by the sampler alone).
 */
final class Evaluation {

	final SuspectCollector suspects = new SuspectCollector();

	/**
	 * The source of each tracked task and HTTP request found stuck, for the per-source
	 * counts.
	 */
	final List<TaskSource> stuck = new ArrayList<>();

	/** Threads counted in growth suspects, by id. */
	final Map<Long, GrownThread> grown = new HashMap<>();

	/**
	 * Per growth series (a family's waiting threads or executors, a task's periodic
	 * copies): count and members.
	 */
	final Map<GrowthKey, long[]> growthCounts = new HashMap<>();

	/**
	 * The lows that growth suspects were judged against: kept while the suspect lives.
	 */
	final Map<GrowthKey, GrowthMarks.Low> growthLows = new HashMap<>();

	/**
	 * One growth series.
	 *
	 * @param kind the suspect kind it can raise
	 * @param name the thread family, or the source of periodic copies
	 * @param task the task whose periodic copies are counted, or {@code null}
	 */
	record GrowthKey(SuspectKind kind, String name, String task) {
	}

}
