package dev.leakwatch.core.report;

/** Why a thread or task is suspected of leaking. */
public enum SuspectKind {

	/**
	 * A tracked task running past the stuck threshold, blocked on the same stack in
	 * consecutive samples.
	 */
	STUCK_TASK,

	/**
	 * Tasks waiting in an executor's queue past the stuck threshold while its workers are
	 * busy.
	 */
	STARVED_QUEUE,

	/** Threads in a monitor or ownable-synchronizer deadlock. */
	DEADLOCK,

	/**
	 * A {@code @Scheduled} run blocked past the stuck threshold, by the same rule as
	 * {@link #STUCK_TASK}.
	 */
	SCHEDULED_STUCK,

	/**
	 * Periodic tasks overdue past the stuck threshold because every thread of their
	 * scheduler is held.
	 */
	SCHEDULER_STARVED,

	/**
	 * A source whose live periodic tasks keep growing: scheduled again and again, never
	 * cancelled.
	 */
	PERIODIC_TASK_GROWTH,

	/** An HTTP request in flight past the stuck threshold. */
	HTTP_STUCK,

	/**
	 * An HTTP response whose body was neither consumed, released nor cancelled within the
	 * stuck threshold.
	 */
	UNCONSUMED_RESPONSE,

	/**
	 * A thread family that keeps growing, its new threads blocked: a thread started per
	 * call, never ended.
	 */
	THREAD_GROWTH,

	/**
	 * Ever more executors of one thread family, their workers idle: an executor per call,
	 * never shut down.
	 */
	EXECUTOR_GROWTH,

	/**
	 * Threads proven leaked by a heap proof: each waits without a timeout on something no
	 * thread that can still run can reach.
	 */
	UNREACHABLE_WAIT

}
