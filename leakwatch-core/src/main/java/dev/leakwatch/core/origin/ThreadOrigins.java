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
 * bounds. Thread starts are read in batches, at most 20 seconds apart while threads start
 * and not at all while none do, so a thread that started since the last read is
 * {@link CreationSite#NOT_YET_KNOWN}, as is every thread while the recorder itself starts
 * (seconds, the first time in a JVM); asking for such a thread's site makes the next read
 * come within seconds, and {@link #awaitDelivery(Duration)} reads what has started so
 * far. Virtual threads are {@link CreationSite#UNKNOWN}: the JDK's
 * {@code jdk.VirtualThreadStart} event carries the new thread's own stack, not the one
 * that started it.
 */
public final class ThreadOrigins implements AutoCloseable {

	/** The name of the thread that reads thread starts. */
	public static final String THREAD_NAME = "leakwatch-created-by";

	private static final String UNAVAILABLE_REASON = findUnavailableReason();

	private final OriginSettings settings;

	private volatile OriginTable table;

	private volatile StartReader reader;

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
		if (this.reader != null) {
			throw new IllegalStateException("Thread origins are already started");
		}
		OriginTable fresh = new OriginTable(this.settings);
		StartReader started = new StartReader(this.settings, fresh);
		this.table = fresh;
		this.reader = started;
		started.start();
	}

	/**
	 * Where the thread with this id was started, or one of the {@link CreationSite}
	 * constants. A thread whose start is {@linkplain CreationSite#NOT_YET_KNOWN not known
	 * yet} is known within seconds, or is not a thread of this JVM.
	 */
	public CreationSite siteOf(long threadId) {
		OriginTable current = this.table;
		if (current == null) {
			return CreationSite.UNKNOWN;
		}
		CreationSite site = current.siteOf(threadId);
		StartReader reads = this.reader;
		if (site == CreationSite.NOT_YET_KNOWN && reads != null) {
			reads.readSoon();
		}
		return site;
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
	 * Reads the starts of every thread started before this call, so that
	 * {@link #siteOf(long)} knows them, and waits for it: a fraction of a second, more
	 * while the recorder starts.
	 * @return false if {@code timeout} ran out first, or nothing records
	 */
	public boolean awaitDelivery(Duration timeout) throws InterruptedException {
		StartReader reads = this.reader;
		return reads != null && reads.awaitRead(timeout.toNanos());
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
		if (this.reader != null) {
			try {
				this.reader.close();
			}
			finally {
				this.reader = null;
				this.table = null;
			}
		}
	}

	private static String findUnavailableReason() {
		if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
			return "this JRE (Java " + Runtime.version() + ") has no jdk.jfr module, so the JDK Flight Recorder "
					+ "cannot record where threads start";
		}
		return JfrStartRecording.unavailableReason();
	}

}
