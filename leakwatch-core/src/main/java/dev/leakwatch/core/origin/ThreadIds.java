package dev.leakwatch.core.origin;

/**
 * Fresh thread ids: every thread created later has a larger one, as the JDK counts thread
 * ids up.
 */
final class ThreadIds {

	/**
	 * Where the probes are made: before JDK 19 a thread that is never started stays
	 * counted in its group, which keeps a daemon group from being destroyed; this group
	 * is not a daemon group and holds nothing else.
	 */
	private static final ThreadGroup PROBES = new ThreadGroup("leakwatch-created-by-id-probes");

	private static final String PROBE_NAME = "leakwatch-created-by-id-probe";

	private ThreadIds() {
	}

	/**
	 * An id no thread created before this call has: that of a thread created here and
	 * never started.
	 */
	@SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+, the ids are
										// the same
	static long next() {
		return new Thread(PROBES, null, PROBE_NAME, 0, false).getId();
	}

}
