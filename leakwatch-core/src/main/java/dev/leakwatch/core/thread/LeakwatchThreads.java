package dev.leakwatch.core.thread;

/**
 * leakwatch's own threads, left out of the dumps it reports so that looking does not
 * change what is seen.
 */
public final class LeakwatchThreads {

	/**
	 * Every thread leakwatch starts is named with this prefix: its sampler, clock and
	 * creation-site stream.
	 */
	public static final String NAME_PREFIX = "leakwatch-";

	private LeakwatchThreads() {
	}

	/**
	 * Whether {@code thread} is leakwatch's own: one it started, or a request thread
	 * inside the detector at the instant of the dump (the one asking, and any other
	 * reading a report or diff then).
	 */
	public static boolean isOwn(ThreadStack thread) {
		return thread.name().startsWith(NAME_PREFIX) || thread.hasFrameIn("dev.leakwatch.core.detect.LeakDetector");
	}

}
