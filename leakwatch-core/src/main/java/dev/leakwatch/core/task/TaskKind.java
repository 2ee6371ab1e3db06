package dev.leakwatch.core.task;

/**
 * How a tracked task reached its executor; the value of the {@code kind} tag on task
 * meters.
 */
public enum TaskKind {

	/**
	 * Submitted to an executor with {@code execute}, {@code submit} or
	 * {@code invokeAll/Any}.
	 */
	EXECUTOR("executor"),

	/** Scheduled with a delay, a fixed rate, a fixed delay or a trigger. */
	SCHEDULER("scheduler"),

	/** The body of an {@code @Async} method. */
	ASYNC("async"),

	/**
	 * A run of a {@code @Scheduled} method; the source is the method, the parent its
	 * scheduler.
	 */
	SCHEDULED("scheduled"),

	/**
	 * An HTTP request of a {@code WebClient}, from subscription until its response body
	 * is consumed.
	 */
	WEBCLIENT("webclient"),

	/**
	 * An HTTP request of a {@code RestClient}, from execution until its response body is
	 * consumed.
	 */
	RESTCLIENT("restclient");

	private final String tag;

	TaskKind(String tag) {
		this.tag = tag;
	}

	/** The lower-case name used in meters, JSON and text reports. */
	public String tag() {
		return this.tag;
	}

}
