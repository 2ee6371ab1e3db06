package dev.leakwatch.core.proof;

/** What a heap proof found for one thread that waits without a timeout. */
public enum Verdict {

	/** Proven leaked: nothing that can still run reaches what the thread waits on. */
	UNREACHABLE("unreachable"),

	/**
	 * Something that can still run reaches what the thread waits on, so it could still be
	 * woken.
	 */
	REACHABLE("reachable"),

	/**
	 * Not judged: the dump does not name what the thread waits on
	 * ({@code LockSupport.park()} without a blocker, a monitor not found among its
	 * frames). Such a thread counts as live, so it can only make others reachable.
	 */
	UNKNOWN("unknown");

	private final String tag;

	Verdict(String tag) {
		this.tag = tag;
	}

	/** The lower-case name used in reports, e.g. {@code unreachable}. */
	public String tag() {
		return this.tag;
	}

}
