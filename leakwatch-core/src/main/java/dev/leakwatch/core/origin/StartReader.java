package dev.leakwatch.core.origin;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The thread that reads thread starts ({@link ThreadOrigins#THREAD_NAME}): it starts the
 * recording, then reads what it recorded when told to ({@link #awaitRead(long)}), soon
 * after a site was asked for that is not known yet ({@link #readSoon()}), and otherwise
 * every {@link #INTERVAL} in which threads were started; a read that failed while waited
 * for is tried again {@link #SOON}. When no thread starts it reads nothing: the JVM's
 * count of started threads says whether any did, and its count of ended ones when the
 * table should forget some.
 */
final class StartReader implements AutoCloseable {

	/**
	 * How far apart reads are while threads start and nobody asks: each read costs the
	 * recorder a chunk and the parser its metadata, so the longer the cheaper; a site is
	 * known this long after its thread started at most.
	 */
	static final Duration INTERVAL = Duration.ofSeconds(20);

	/**
	 * How soon a read follows a site that was asked for and not known, and how close it
	 * may follow the last read.
	 */
	static final Duration SOON = Duration.ofSeconds(2);

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private static final System.Logger logger = System.getLogger(StartReader.class.getName());

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final OriginTable table;

	private final JfrStartRecording recording;

	private final Thread thread;

	/** How many reads have begun; guarded by this. */
	private long begun;

	/** The number of the last read that ended well; guarded by this. */
	private long read;

	/** Whether a read is waited for; guarded by this. */
	private boolean told;

	/** How many callers of {@link #awaitRead(long)} wait; guarded by this. */
	private int waiting;

	/**
	 * When a read is due because a site was asked for, or 0 when none is; guarded by
	 * this.
	 */
	private long soonAtNanos;

	/** Guarded by this. */
	private boolean closed;

	StartReader(OriginSettings settings, OriginTable table) {
		this.table = table;
		this.recording = new JfrStartRecording(settings, INTERVAL.multipliedBy(3));
		this.thread = new Thread(this::run, ThreadOrigins.THREAD_NAME);
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Waits for a read that begins after this call.
	 * @return false if {@code timeoutNanos} ran out first
	 */
	synchronized boolean awaitRead(long timeoutNanos) throws InterruptedException {
		long awaited = this.begun + 1;
		this.told = true;
		notifyAll();
		long deadline = System.nanoTime() + timeoutNanos;
		this.waiting++;
		try {
			while (this.read < awaited) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || this.closed) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
			return true;
		}
		finally {
			this.waiting--;
		}
	}

	/** Asks for a read soon, unless one is due sooner. */
	synchronized void readSoon() {
		if (this.soonAtNanos == 0) {
			this.soonAtNanos = System.nanoTime() + SOON.toNanos();
			notifyAll();
		}
	}

	/** The directory of the recording's files, once watching began. */
	Path directory() {
		return this.recording.directory();
	}

	/** Stops reading and recording. */
	@Override
	public void close() throws InterruptedException {
		synchronized (this) {
			this.closed = true;
			notifyAll();
		}
		this.thread.join(CLOSE_WAIT.toMillis());
	}

	private void run() {
		try (JfrStartRecording recording = this.recording) {
			recording.start();
			this.table.watching(ThreadIds.next());
			readWhenDue();
		}
		catch (Exception ex) {
			logger.log(System.Logger.Level.WARNING, "leakwatch stopped recording where threads are started", ex);
		}
	}

	private void readWhenDue() throws Exception {
		long started = THREADS.getTotalStartedThreadCount();
		long ended = started - THREADS.getThreadCount();
		long lastReadNanos = System.nanoTime();
		while (true) {
			boolean due;
			synchronized (this) {
				long intervalEnds = System.nanoTime() + INTERVAL.toNanos();
				while (!this.closed && !this.told && !isSoonDue(lastReadNanos)
						&& System.nanoTime() - intervalEnds < 0) {
					TimeUnit.NANOSECONDS.timedWait(this, nextWakeNanos(intervalEnds, lastReadNanos));
				}
				if (this.closed) {
					return;
				}
				due = this.told || isSoonDue(lastReadNanos);
			}
			long startedNow = THREADS.getTotalStartedThreadCount();
			long endedNow = startedNow - THREADS.getThreadCount();
			if (due || startedNow != started) {
				readOnce();
				lastReadNanos = System.nanoTime();
			}
			else if (endedNow != ended) {
				this.table.retainLive(THREADS.getAllThreadIds());
			}
			started = startedNow;
			ended = endedNow;
		}
	}

	/**
	 * Reads every start so far: the threads created before it began and started promptly
	 * are known once it ended well.
	 */
	private void readOnce() throws InterruptedException {
		long number;
		long settlesBelowId;
		synchronized (this) {
			number = ++this.begun;
			this.told = false;
			this.soonAtNanos = 0;
			settlesBelowId = ThreadIds.next();
		}
		try {
			this.recording.readInto(this.table);
		}
		catch (Exception ex) {
			logger.log(System.Logger.Level.WARNING,
					"leakwatch could not read where threads were started; the next read tries again", ex);
			synchronized (this) {
				if (this.waiting > 0) {
					// nothing else would read before the next interval in which threads
					// started; a site asked for asks again by itself
					readSoon();
				}
			}
			return;
		}
		this.table.retainLive(THREADS.getAllThreadIds());
		this.table.delivered(settlesBelowId);
		synchronized (this) {
			this.read = number;
			notifyAll();
		}
	}

	/** Guarded by this. */
	private boolean isSoonDue(long lastReadNanos) {
		return this.soonAtNanos != 0 && System.nanoTime() - soonReadNanos(lastReadNanos) >= 0;
	}

	/** Guarded by this. */
	private long soonReadNanos(long lastReadNanos) {
		long soonest = lastReadNanos + SOON.toNanos();
		return (this.soonAtNanos - soonest > 0) ? this.soonAtNanos : soonest;
	}

	/** How long to wait at most for what may be due next; guarded by this. */
	private long nextWakeNanos(long intervalEnds, long lastReadNanos) {
		long wakeAt = (this.soonAtNanos != 0 && soonReadNanos(lastReadNanos) - intervalEnds < 0)
				? soonReadNanos(lastReadNanos) : intervalEnds;
		return Math.max(1, wakeAt - System.nanoTime());
	}

}
