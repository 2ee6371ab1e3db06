package dev.leakwatch.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that leaves threads running, like goleak's {@code VerifyNone}: the live
 * threads are listed before and after each test method (or the whole class, see
 * {@link #mode()}), and threads started in between that are still alive once they have
 * had their time are reported, grouped by stack: {@link #settleMillis()} when all of them
 * are in an untimed wait, which they cannot leave by themselves, else up to
 * {@link #maxWaitMillis()}.
 * <p>
 * On a method, only that method is checked, with the method's options
 * ({@link CheckMode#PER_CLASS} belongs on a class). Threads started while a test instance
 * is created and post-processed, which is where Spring's {@code SpringExtension} loads or
 * reuses the application context, are never the test's (see {@link CheckMode}). Other
 * extensions declared before this one start their threads before the first look and stop
 * them after the last, so those threads are not the test's either; extensions declared
 * after it run inside the check. For options given in code, register a
 * {@link NoLeakedThreadsExtension} instead.
 *
 * @see NoLeakedThreadsExtension
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NoLeakedThreadsExtension.class)
public @interface VerifyNoLeakedThreads {

	/**
	 * When threads are compared: around each test method (the default), or around the
	 * whole class.
	 */
	CheckMode mode() default CheckMode.PER_METHOD;

	/**
	 * Regular expressions matching the whole name of threads the test may leave running.
	 */
	String[] ignoreThreadNames() default {};

	/**
	 * {@code fully.qualified.Class.method} frames: a thread with one of them anywhere in
	 * its stack may be left running (goleak's {@code IgnoreAnyFunction}).
	 */
	String[] ignoreFrames() default {};

	/**
	 * {@code fully.qualified.Class.method} frames: a thread whose innermost frame is one
	 * of them may be left running (goleak's {@code IgnoreTopFunction}).
	 */
	String[] ignoreTopFrames() default {};

	/**
	 * {@code fully.qualified.Class.method} frames: a thread started from a stack with one
	 * of them in its first application frames may be left running (goleak's
	 * {@code IgnoreCreatedBy}).
	 */
	String[] ignoreCreatedBy() default {};

	/**
	 * What becomes of a thread started by a static initializer, one per JVM (a library's
	 * shared {@code Timer} in a static field): reported apart without failing the test
	 * (the default), failing it, or left out.
	 */
	StaticInitializerThreads staticInitializerThreads() default StaticInitializerThreads.REPORT;

	/**
	 * How long threads started by the test get once every one of them is in an untimed
	 * wait ({@code WAITING}: parked, {@code Object.wait()}, {@code join()} without a
	 * timeout), in milliseconds, at most {@link #maxWaitMillis()}: such a thread ends
	 * only when another wakes it. An idle pool worker or a {@code Timer} thread never
	 * cancelled is reported after this.
	 */
	long settleMillis() default NoLeakedThreadsExtension.DEFAULT_SETTLE_MILLIS;

	/**
	 * How long, at most, threads started by the test get to end while one of them is
	 * running, blocked on a monitor or in a timed wait (sleeping, a pool's keep-alive),
	 * in milliseconds. The check looks again after 1 ms, then doubles the pause (at most
	 * 100 ms) until the threads are gone or their time is up, so a clean test costs
	 * nothing and a thread that ends a moment later is not blamed. The rest of the class
	 * runs meanwhile: threads still alive this long after their test fail the class when
	 * it ends, naming the test.
	 */
	long maxWaitMillis() default NoLeakedThreadsExtension.DEFAULT_MAX_WAIT_MILLIS;

}
