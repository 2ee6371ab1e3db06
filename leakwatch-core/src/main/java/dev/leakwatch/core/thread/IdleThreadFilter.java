package dev.leakwatch.core.thread;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named reason a waiting thread is expected to wait and is no leak on its own: an idle
 * pool worker, an event loop, JVM housekeeping. Users add their own of the same shape.
 *
 * @param name what the filter recognises, shown where it matters
 * @param matches whether a thread is one of those
 * @param origin where the filter came from, its kind first: {@value #DEFAULT_ORIGIN},
 * {@value #CODE_ORIGIN}, {@code property leakwatch.idle.frames},
 * {@code bean ordersHousekeeper}, {@code provider com.example.PoolFilters}
 */
public record IdleThreadFilter(String name, Predicate<ThreadStack> matches, String origin) {

	/** The origin of {@link IdleThreads#DEFAULTS}. */
	public static final String DEFAULT_ORIGIN = "default";

	/**
	 * The origin of a filter made in code, until whoever adds it says where it came from
	 * ({@link #from}).
	 */
	public static final String CODE_ORIGIN = "code";

	public IdleThreadFilter {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(matches, "matches");
		Objects.requireNonNull(origin, "origin");
	}

	/** A filter made in code. */
	public IdleThreadFilter(String name, Predicate<ThreadStack> matches) {
		this(name, matches, CODE_ORIGIN);
	}

	/** This filter, said to come from {@code origin}. */
	public IdleThreadFilter from(String origin) {
		return new IdleThreadFilter(this.name, this.matches, origin);
	}

	/** Ignores threads whose innermost frames include {@code className.methodName}. */
	public static IdleThreadFilter frame(String className, String methodName) {
		return new IdleThreadFilter("frame " + className + "." + methodName,
				(thread) -> thread.hasFrame(className, methodName));
	}

	/** Ignores threads named {@code threadName}. */
	public static IdleThreadFilter threadName(String threadName) {
		return new IdleThreadFilter("thread " + threadName, (thread) -> threadName.equals(thread.name()));
	}

}
