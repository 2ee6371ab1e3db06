package dev.leakwatch.core.detect;

/** What a thread is doing, as far as its frames tell. */
enum ThreadRole {

	/** Its stack has not been read in its current wait. */
	UNREAD,

	/** A pool, fork-join, scheduler or event-executor worker running a task. */
	TASK,

	/** A worker waiting in its pool or event loop for the next task. */
	IDLE_WORKER,

	/**
	 * Waiting by design otherwise: a timer, JVM housekeeping, an acceptor, a user's idle
	 * filter.
	 */
	IDLE,

	/** Any other thread. */
	THREAD

}
