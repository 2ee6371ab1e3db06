package dev.leakwatch.test;

/**
 * What a check makes of a new thread that was started by a static initializer
 * ({@code <clinit>} among the first frames of the stack that started it, as the JDK
 * Flight Recorder saw it): a library's shared {@code Timer}, an evictor or a scheduler
 * held in a static field. A class is initialized once per class loader, so such a thread
 * is one per JVM, started by whichever test touches the class first, and not that test's
 * leak.
 * <p>
 * Only threads started while the class is initialized are told apart: a static field
 * filled later, on first use (a lazily created static pool), holds threads started from
 * an ordinary method, which are reported as leaks; expect those with
 * {@code ignoreCreatedBy}. Without the Flight Recorder no thread is known to be one.
 */
public enum StaticInitializerThreads {

	/**
	 * Reported apart, not as a failure: listed below the test's leaks in its failure
	 * message when it has any, and in a part of their own of the end-of-run summary.
	 */
	REPORT,

	/** Leaks like any other thread. */
	FAIL,

	/** Left out silently, like expected threads. */
	IGNORE

}
