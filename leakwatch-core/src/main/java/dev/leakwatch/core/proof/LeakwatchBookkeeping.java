package dev.leakwatch.core.proof;

import java.util.Set;

/**
 * Which objects of a dump are leakwatch's own bookkeeping: a proof sees them but does not
 * follow their references, so that being recorded by leakwatch never makes a waiting
 * thread reachable.
 * <p>
 * Bookkeeping is what holds tasks without ever running them: the running-task slot of
 * each thread and its records of runs (a pool's run of a task it holds as it is, the run
 * a nested one interrupted), the snapshots of running tasks, the tracker's list of live
 * periodic tasks (with their futures), and the leak detector with its rules and their
 * history (it reads stacks and these records, and runs no application code but
 * idle-thread filters, which judge stacks). What runs tasks is not bookkeeping and is
 * followed: the task wrappers ({@code TrackedRunnable}, {@code TrackedFutureTask},
 * {@code ScheduledRun}, ...), the tracking executors and proxies, and the tracker itself,
 * whose source listeners are application code. So a thread's own running task stays
 * reachable from that thread's frames, and a task queued in a live executor from that
 * executor's queue, while being tracked makes no difference.
 * <p>
 * A task that has ended and that only the detector's last look still holds is, like
 * anything nothing visible reaches, taken for held through references the dump leaves
 * out, and marked live: until the next sample forgets it, it can keep a thread it would
 * wake reachable. That errs on the safe side.
 */
final class LeakwatchBookkeeping {

	/** The leak detector: it only looks. */
	private static final String DETECTOR_PACKAGE = "dev.leakwatch.core.detect.";

	/**
	 * The task tracker's records that hold tasks: what each thread runs (with the run of
	 * a pool that holds its tasks as they are, which the pool runs, and the run a nested
	 * one interrupted), and which periodic tasks live.
	 */
	private static final Set<String> TRACKER_RECORDS = Set.of("dev.leakwatch.core.task.RunningSlots$Slot",
			"dev.leakwatch.core.task.RunningSlots$Outer", "dev.leakwatch.core.task.PoolRun",
			"dev.leakwatch.core.task.RunningTask", "dev.leakwatch.core.task.TaskTracker$Watched");

	private LeakwatchBookkeeping() {
	}

	/**
	 * Whether instances of the class named {@code className} (as the dump names it) are
	 * bookkeeping.
	 */
	static boolean isBookkeeping(String className) {
		return className.startsWith(DETECTOR_PACKAGE) || TRACKER_RECORDS.contains(className);
	}

}
