package dev.leakwatch.core.origin;

import java.time.Duration;
import java.util.Objects;

/**
 * Where every platform thread started while it runs was started: the stack that called
 * {@code Thread.start()}, recorded by the JDK Flight Recorder ({@code jdk.ThreadStart})
 * and read in-process, without an agent. For a pool worker that is the {@code execute} or
 * {@code submit} that made the pool add it, so its {@link CreationSite} names the
 * application frames below the pool's; for an executor created per call, the call site
 * that created and used it.
 *
 * <pre>{@code
 * ThreadOrigins origins = new ThreadOrigins(OriginSettings.defaults());
 * if (origins.isAvailable()) {
 *     origins.start();
 * }
 * CreationSite site = origins.siteOf(thread.getId());
 * }</pre>
 *
 * Sites are kept for live threads only and interned, within {@link OriginSettings}'
 * bounds. Events arrive about a second after a thread starts, so a thread that just
 * started is {@link CreationSite#NOT_YET_KNOWN}, as is every thread while the recorder
 * itself starts (seconds, the first time in a JVM); {@link #awaitDelivery(Duration)}
 * waits for what has started so far. Virtual threads are {@link CreationSite#UNKNOWN}:
 * the JDK's {@code jdk.VirtualThreadStart} event carries the new thread's own stack, not
 * the one that started it.
 */
public final class ThreadOrigins implements AutoCloseable {

	/** The name of the thread that reads thread starts. */
	public static final String THREAD_NAME = "leakwatch-created-by";

	private static final String UNAVAILABLE_REASON = findUnavailableReason();

	private final OriginSettings settings;

	private volatile OriginTable table;

	private JfrStartStream stream;

	public ThreadOrigins(OriginSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/**
	 * Whether this JVM can record thread starts: it has the {@code jdk.jfr} module and
	 * the recorder is on.
	 */
	public boolean isAvailable() {
		return UNAVAILABLE_REASON == null;
	}

	/** Why {@link #isAvailable()} is false, or {@code null} when it is true. */
	public String unavailableReason() {
		return UNAVAILABLE_REASON;
	}

	/**
	 * Starts recording thread starts, in a daemon thread named {@link #THREAD_NAME};
	 * returns at once.
	 * @throws IllegalStateException when not {@link #isAvailable()}, or already started
	 */
	public synchronized void start() {
		if (!isAvailable()) {
			throw new IllegalStateException("Thread origins are not available: " + UNAVAILABLE_REASON);
		}
		if (this.stream != null) {
			throw new IllegalStateException("Thread origins are already started");
		}
		OriginTable fresh = new OriginTable(this.settings, ThreadIds::next);
		this.stream = new JfrStartStream(this.settings, fresh);
		this.table = fresh;
		this.stream.start();
	}

	/**
	 * Where the thread with this id was started, or one of the {@link CreationSite}
	 * constants.
	 */
	public CreationSite siteOf(long threadId) {
		OriginTable current = this.table;
		return (current != null) ? current.siteOf(threadId) : CreationSite.UNKNOWN;
	}

	/**
	 * Waits until thread starts are recorded: the recorder has started, and JVM threads
	 * it starts with it are running. Threads alive before then are
	 * {@link CreationSite#BEFORE_LEAKWATCH}.
	 * @return false if {@code timeout} ran out first, or nothing records
	 */
	public boolean awaitWatching(Duration timeout) throws InterruptedException {
		OriginTable current = this.table;
		return current != null && current.awaitWatching(timeout.toNanos());
	}

	/**
	 * Waits until the starts of every thread started before this call have been
	 * delivered, so that {@link #siteOf(long)} knows them: about three seconds, more
	 * while the recorder starts.
	 * @return false if {@code timeout} ran out first, or nothing records
	 */
	public boolean awaitDelivery(Duration timeout) throws InterruptedException {
		OriginTable current = this.table;
		return current != null && current.awaitDelivery(timeout.toNanos());
	}

	/** How many live threads have a site kept. */
	public int threads() {
		OriginTable current = this.table;
		return (current != null) ? current.threads() : 0;
	}

	/** How many distinct sites are kept. */
	public int sites() {
		OriginTable current = this.table;
		return (current != null) ? current.sites() : 0;
	}

	/**
	 * How many thread starts were not kept because a bound of {@link OriginSettings} was
	 * reached.
	 */
	public long dropped() {
		OriginTable current = this.table;
		return (current != null) ? current.dropped() : 0;
	}

	/** Stops recording and forgets every site; a no-op when not started. */
	@Override
	public synchronized void close() throws InterruptedException {
		if (this.stream != null) {
			try {
				this.stream.close();
			}
			finally {
				this.stream = null;
				this.table = null;
			}
		}
	}

	private static String findUnavailableReason() {
		if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
			return "this JRE (Java " + Runtime.version() + ") has no jdk.jfr module, so the JDK Flight Recorder "
					+ "cannot record where threads start";
		}
		return JfrStartStream.unavailableReason();
	}

}
