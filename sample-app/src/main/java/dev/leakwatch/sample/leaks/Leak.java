package dev.leakwatch.sample.leaks;

/**
 * One classic leak, made on request: {@code POST /leaks/{name}?count=n} calls
 * {@link #leak(int)} and {@code POST /leaks/reset} calls {@link #release()}. Each
 * implementation is one small program with the bug in plain sight and the fix in its
 * javadoc. The sample keeps what it needs to undo its leak; the user code it imitates
 * would not, which is what makes it a leak.
 */
public interface Leak {

	/** The most one call may leak unless a leak says otherwise. */
	int MAX_PER_CALL = 50;

	/** The path segment of its endpoint, {@code POST /leaks/{name}}. */
	String name();

	/** The most one call may leak; a larger count is answered with a 400. */
	default int maxPerCall() {
		return MAX_PER_CALL;
	}

	/**
	 * Leaks {@code count} units: tasks, threads, executors or requests, as the
	 * implementation says.
	 */
	void leak(int count);

	/**
	 * What this leak holds now: the tasks, threads, executors, periodic tasks or requests
	 * it made and has not released (a deadlocked pair holds two threads; a lock leak
	 * holds its holder besides the tasks behind it).
	 */
	int outstanding();

	/**
	 * Releases what this leak holds and returns how many units it released. Reset calls
	 * every leak's release until none releases anything, since releasing one leak can let
	 * queued tasks of another start and block.
	 */
	int release();

}
