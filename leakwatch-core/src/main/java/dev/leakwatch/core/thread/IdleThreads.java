package dev.leakwatch.core.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The default {@link IdleThreadFilter}s: each recognises one way the JDK or a common
 * framework parks a thread that is waiting for work by design. A thread matching any of
 * them is never a leak suspect by itself.
 */
public final class IdleThreads {

	/** The name of leakwatch's own sampling thread. */
	public static final String SAMPLER_THREAD_NAME = "leakwatch-sampler";

	/**
	 * The name of the thread that ticks the clock tracked tasks read (one per JVM, while
	 * a tracker is open).
	 */
	public static final String CLOCK_THREAD_NAME = "leakwatch-clock";

	/**
	 * The defaults, in the order they are tried, each of origin
	 * {@value IdleThreadFilter#DEFAULT_ORIGIN}.
	 */
	public static final List<IdleThreadFilter> DEFAULTS = asDefaults(
			// ThreadPoolExecutor and ScheduledThreadPoolExecutor workers between tasks
			// wait in getTask.
			new IdleThreadFilter("idle pool worker", IdleThreads::isIdlePoolWorker),
			// ForkJoinPool workers (the common pool, parallel streams, virtual-thread
			// carriers) park in awaitWork.
			new IdleThreadFilter("idle fork-join worker", IdleThreads::isIdleForkJoinWorker),
			// Selector and epoll loops (NIO servers, Netty, Reactor Netty, Tomcat's
			// poller) wait for I/O events.
			new IdleThreadFilter("event loop", IdleThreads::isEventLoop),
			// Server accept loops wait for the next connection.
			new IdleThreadFilter("server acceptor", IdleThreads::isAcceptLoop),
			// Reference Handler, Finalizer and Cleaner threads wait for references to
			// process.
			new IdleThreadFilter("reference housekeeping", IdleThreads::isReferenceHousekeeping),
			// Signal Dispatcher, Attach Listener, Notification Thread and other VM
			// threads show no Java frames.
			new IdleThreadFilter("vm thread", (thread) -> thread.frames().isEmpty()),
			// An idle java.util.Timer waits in its main loop.
			new IdleThreadFilter("idle timer", (thread) -> thread.hasFrame("java.util.TimerThread", "mainLoop")),
			// Web servers keep one thread waiting for shutdown (Tomcat's await, Boot's
			// Netty await thread).
			new IdleThreadFilter("server await", IdleThreads::isServerAwait),
			// A paused Spring executor (a stopped context's; the test context cache
			// pauses contexts it does not use)
			// holds its workers before their next task until it is resumed.
			new IdleThreadFilter("paused Spring executor",
					(thread) -> thread.hasFrame("org.springframework.scheduling.concurrent.ExecutorLifecycleDelegate",
							"beforeExecute")),
			// The JDK's process reaper waits for a child process to exit: as long as the
			// process runs, by design.
			new IdleThreadFilter("process reaper",
					(thread) -> thread.hasFrame("java.lang.ProcessHandleImpl", "waitForProcessExit0")),
			// JMX over RMI keeps accept and lease threads.
			new IdleThreadFilter("rmi housekeeping", (thread) -> thread.hasFrameIn("sun.rmi.")),
			IdleThreadFilter.threadName(SAMPLER_THREAD_NAME), IdleThreadFilter.threadName(CLOCK_THREAD_NAME));

	private IdleThreads() {
	}

	private static List<IdleThreadFilter> asDefaults(IdleThreadFilter... filters) {
		return Stream.of(filters).map((filter) -> filter.from(IdleThreadFilter.DEFAULT_ORIGIN)).toList();
	}

	/** Whether any of {@code filters} matches {@code thread}. */
	public static boolean isIdle(ThreadStack thread, List<IdleThreadFilter> filters) {
		return matching(thread, filters) != null;
	}

	/** The first of {@code filters} that matches {@code thread}, or {@code null}. */
	public static IdleThreadFilter matching(ThreadStack thread, List<IdleThreadFilter> filters) {
		for (IdleThreadFilter filter : filters) {
			if (filter.matches().test(thread)) {
				return filter;
			}
		}
		return null;
	}

	/**
	 * Whether {@code thread} is a pool, fork-join or event-loop worker waiting for its
	 * next task.
	 */
	public static boolean isIdleWorker(ThreadStack thread) {
		return isIdlePoolWorker(thread) || isIdleForkJoinWorker(thread) || isEventLoop(thread);
	}

	/** The defaults followed by {@code extra}. */
	public static List<IdleThreadFilter> defaultsAnd(List<IdleThreadFilter> extra) {
		List<IdleThreadFilter> filters = new ArrayList<>(DEFAULTS);
		filters.addAll(extra);
		return List.copyOf(filters);
	}

	static boolean isIdlePoolWorker(ThreadStack thread) {
		return thread.hasFrame("java.util.concurrent.ThreadPoolExecutor", "getTask");
	}

	static boolean isIdleForkJoinWorker(ThreadStack thread) {
		return thread.hasFrame("java.util.concurrent.ForkJoinPool", "awaitWork");
	}

	static boolean isEventLoop(ThreadStack thread) {
		return thread.hasFrame("sun.nio.ch.SelectorImpl", "lockAndDoSelect")
				|| thread.hasFrameIn("io.netty.channel.epoll.Native")
				|| thread.hasFrameIn("io.netty.channel.kqueue.Native") || thread.hasFrameIn("io.netty.channel.uring.")
				|| thread.hasFrame("io.netty.util.concurrent.SingleThreadEventExecutor", "takeTask");
	}

	static boolean isAcceptLoop(ThreadStack thread) {
		return thread.hasFrame("sun.nio.ch.ServerSocketChannelImpl", "accept")
				|| thread.hasFrame("java.net.ServerSocket", "accept");
	}

	static boolean isReferenceHousekeeping(ThreadStack thread) {
		return thread.hasFrame("java.lang.ref.Reference", "waitForReferencePendingList")
				|| (thread.daemon() && thread.hasFrame("java.lang.ref.ReferenceQueue", "remove"));
	}

	static boolean isServerAwait(ThreadStack thread) {
		return thread.hasFrame("org.apache.catalina.core.StandardServer", "await")
				|| thread.frames().stream().anyMatch((frame) -> frame.getClassName().endsWith(".NettyWebServer$1"));
	}

}
