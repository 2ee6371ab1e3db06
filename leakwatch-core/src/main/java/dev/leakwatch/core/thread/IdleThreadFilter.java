package dev.leakwatch.core.thread;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named reason a waiting thread is expected to wait and is no leak on its own: an idle pool worker, an
 * event loop, JVM housekeeping. Users add their own of the same shape.
 *
 * @param name what the filter recognises, shown where it matters
 * @param matches whether a thread is one of those
 */
public record IdleThreadFilter(String name, Predicate<ThreadStack> matches) {

	public IdleThreadFilter {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(matches, "matches");
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
