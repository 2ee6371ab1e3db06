package dev.leakwatch.autoconfigure.executor;

/**
 * Implemented by every executor bean leakwatch tracks: the bean is of the same type and
 * either took over the original's state (a JDK executor not yet started: the bean is then
 * the executor) or is a proxy that tracks submissions and passes everything else to the
 * original.
 */
public interface TrackedExecutorBean {

	/**
	 * The executor the bean definition created, untracked; for a bean that took it over,
	 * an executor that never runs a task.
	 */
	Object leakwatchTarget();

}
