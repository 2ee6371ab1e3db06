package dev.leakwatch.autoconfigure.executor;

/**
 * Implemented by every executor bean leakwatch tracks: the bean is a proxy of the same type that tracks
 * submissions and passes everything else to the original.
 */
public interface TrackedExecutorBean {

	/** The executor the bean definition created, untracked. */
	Object leakwatchTarget();

}
