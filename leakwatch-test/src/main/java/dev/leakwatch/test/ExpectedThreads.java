package dev.leakwatch.test;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreadFilterProvider;
import dev.leakwatch.core.thread.IdleThreadFilterProviders;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * Threads that may start during a test without being its leak: each default is a small
 * named filter saying which runtime behaviour it exists for, and user options
 * ({@link #threadNamed}, {@link #anyFrame}, {@link #topFrame}) are filters of the same
 * shape.
 * <p>
 * Unlike leakwatch's runtime {@link IdleThreads#DEFAULTS}, idle pool workers are
 * <em>not</em> expected here: an idle worker that a test created is an executor the test
 * never shut down. Add {@code IdleThreads.DEFAULTS} yourself to accept them. The filters
 * libraries ship for their own threads ({@link IdleThreadFilterProvider}s) are expected,
 * as they are at runtime.
 */
public final class ExpectedThreads {

	/** The defaults, in the order they are tried. */
	public static final List<IdleThreadFilter> DEFAULTS = List.of(
			// The JDK starts the shared Cleaner thread the first time anything registers
			// a java.lang.ref.Cleaner
			// action (NIO buffers, zip files, sockets); it lives as long as the JVM.
			IdleThreadFilter.threadName("Common-Cleaner"),
			// The JVM starts the Attach Listener the first time a tool attaches (jcmd,
			// jstack, a profiler, an
			// IDE's debugger); it lives as long as the JVM.
			IdleThreadFilter.threadName("Attach Listener"),
			// Process.onExit and waitFor run on the JDK's cached "process reaper" pool,
			// whose threads stay idle for
			// a while after the child process exits.
			IdleThreadFilter.threadName("process reaper"),
			// Parallel streams and CompletableFuture's async methods start common-pool
			// workers on demand, which
			// idle for a while before they exit. A common-pool worker still running a
			// test's task is reported.
			new IdleThreadFilter("idle common-pool worker", ExpectedThreads::isIdleCommonPoolWorker),
			// JDK 25+: CompletableFuture.delayedExecutor and the common pool's schedule
			// methods start the common
			// pool's delay scheduler, which lives as long as the JVM.
			IdleThreadFilter.threadName("ForkJoinPool.commonPool-delayScheduler"),
			// JUnit's own threads: the @Timeout watcher (started on first use, kept for
			// the run) and
			// assertTimeoutPreemptively's and SEPARATE_THREAD timeouts' executors.
			new IdleThreadFilter("junit",
					(thread) -> thread.name().startsWith("junit-") || thread.hasFrameIn("org.junit.platform.")
							|| thread.hasFrameIn("org.junit.jupiter.engine.")),
			// Maven Surefire's forked-JVM command reader, ping and flusher threads.
			new IdleThreadFilter("surefire",
					(thread) -> thread.name().startsWith("surefire-forkedjvm-")
							|| thread.hasFrameIn("org.apache.maven.surefire.")),
			// JMX over RMI starts connection, accept and lease threads when a monitoring
			// tool connects.
			new IdleThreadFilter("jmx connection",
					(thread) -> thread.hasFrameIn("sun.rmi.") || thread.hasFrameIn("com.sun.jmx.remote.")),
			// JDK 24+ starts this thread with the first virtual thread (it resumes
			// virtual threads blocked on a
			// monitor); it lives as long as the JVM.
			new IdleThreadFilter("virtual-thread unblocker",
					(thread) -> thread.hasFrame("java.lang.VirtualThread", "unblockVirtualThreads")),
			// The first network I/O on a virtual thread starts the JDK's poller threads
			// (platform Read-Poller and
			// Write-Poller, or a platform MasterPoller and virtual SubPollers); they live
			// as long as the JVM.
			new IdleThreadFilter("virtual-thread I/O poller", (thread) -> thread.hasFrameIn("sun.nio.ch.Poller")),
			// leakwatch's own sampler belongs to the application context that started it,
			// which Spring's test
			// context cache keeps for later tests; so does its task clock, which any open
			// tracker keeps going.
			IdleThreadFilter.threadName(IdleThreads.SAMPLER_THREAD_NAME),
			IdleThreadFilter.threadName(IdleThreads.CLOCK_THREAD_NAME));

	private static final String COMMON_POOL_WORKER_PREFIX = "ForkJoinPool.commonPool-worker-";

	private ExpectedThreads() {
	}

	/**
	 * Expects threads whose whole name matches {@code regex}.
	 * @throws IllegalArgumentException if {@code regex} does not compile
	 */
	public static IdleThreadFilter threadNamed(String regex) {
		Objects.requireNonNull(regex, "regex");
		Pattern pattern;
		try {
			pattern = Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException(
					"Thread name pattern '" + regex + "' is no regular expression: " + ex.getDescription(), ex);
		}
		return new IdleThreadFilter("thread name " + regex, (thread) -> pattern.matcher(thread.name()).matches());
	}

	/**
	 * Expects threads with {@code frame} anywhere in their stack, like goleak's
	 * {@code IgnoreAnyFunction}.
	 * @param frame {@code fully.qualified.Class.method}, nested classes with {@code $}
	 * @throws IllegalArgumentException if {@code frame} is not of that form
	 */
	public static IdleThreadFilter anyFrame(String frame) {
		Frame parsed = Frame.parse(frame);
		return IdleThreadFilter.frame(parsed.className(), parsed.methodName());
	}

	/**
	 * Expects threads whose innermost frame is {@code frame}, like goleak's
	 * {@code IgnoreTopFunction}. The innermost frame is often a JDK method whose name
	 * changes between JDK versions ({@code Object.wait} on 17 is {@code Object.wait0} on
	 * 25), so {@link #anyFrame} is usually the better choice.
	 * @param frame {@code fully.qualified.Class.method}, nested classes with {@code $}
	 * @throws IllegalArgumentException if {@code frame} is not of that form
	 */
	public static IdleThreadFilter topFrame(String frame) {
		Frame parsed = Frame.parse(frame);
		return new IdleThreadFilter("top frame " + frame,
				(thread) -> !thread.frames().isEmpty() && parsed.is(thread.frames().get(0)));
	}

	/**
	 * Expects threads started from a stack with {@code frame} in it, like goleak's
	 * {@code IgnoreCreatedBy}.
	 * @param frame {@code fully.qualified.Class.method}, nested classes with {@code $}
	 * @throws IllegalArgumentException if {@code frame} is not of that form
	 */
	public static IdleThreadFilter createdBy(String frame) {
		Frame parsed = Frame.parse(frame);
		return new IdleThreadFilter("created by " + frame,
				(thread) -> CreatedBy.siteOf(thread.id()).hasFrame(parsed.className(), parsed.methodName()));
	}

	/**
	 * The filters of every {@link IdleThreadFilterProvider} the thread's context class
	 * loader sees (this class's loader where there is none), read afresh each time.
	 */
	static List<IdleThreadFilter> shippedByLibraries() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return IdleThreadFilterProviders.load((context != null) ? context : ExpectedThreads.class.getClassLoader());
	}

	static boolean isIdleCommonPoolWorker(ThreadStack thread) {
		return thread.name().startsWith(COMMON_POOL_WORKER_PREFIX)
				&& thread.hasFrame("java.util.concurrent.ForkJoinPool", "awaitWork");
	}

	private record Frame(String className, String methodName) {

		static Frame parse(String frame) {
			Objects.requireNonNull(frame, "frame");
			int dot = frame.lastIndexOf('.');
			if (dot <= 0 || dot == frame.length() - 1 || frame.chars().anyMatch(Frame::isForeign)) {
				throw new IllegalArgumentException(
						"Frame '" + frame + "' is not of the form fully.qualified.Class.method");
			}
			return new Frame(frame.substring(0, dot), frame.substring(dot + 1));
		}

		private static boolean isForeign(int c) {
			return Character.isWhitespace(c) || c == '(' || c == ')' || c == '/' || c == '#';
		}

		boolean is(StackTraceElement element) {
			return this.methodName.equals(element.getMethodName()) && this.className.equals(element.getClassName());
		}

	}

}
