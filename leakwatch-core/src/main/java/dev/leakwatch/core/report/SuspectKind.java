package dev.leakwatch.core.report;

/** Why a thread or task is suspected of leaking. */
public enum SuspectKind {

	/** A tracked task running past the stuck threshold, blocked on the same stack in consecutive samples. */
	STUCK_TASK,

	/** Tasks waiting in an executor's queue past the stuck threshold while its workers are busy. */
	STARVED_QUEUE,

	/** Threads in a monitor or ownable-synchronizer deadlock. */
	DEADLOCK

}
