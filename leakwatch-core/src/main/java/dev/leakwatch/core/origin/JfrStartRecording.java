package dev.leakwatch.core.origin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.JMException;
import javax.management.ObjectName;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Thread starts recorded by the JDK Flight Recorder ({@code jdk.ThreadStart}, with the
 * stack of the thread that called {@code start()}) in a recording to disk, and read in
 * batches into an {@link OriginTable}: a read ends the JVM's current chunk of events,
 * parses the chunks finished since the last read (told apart by their own times:
 * {@link ChunkFile}), and moves past them. Between reads the events wait in the
 * recorder's files, nothing is parsed and the heap holds none of them: the JDK's
 * streaming API instead flushes and parses every second, and its parser keeps every
 * thread a chunk names. The only class that touches {@code jdk.jfr}, loaded only once the
 * module is known to be there; used by one thread.
 * <p>
 * Its recording is one more recording of the JVM's: the user's own keep their settings
 * and events. JFR writes one stream of events for all recordings, so while this one runs
 * theirs may also hold thread start events with stacks, and their current chunk file ends
 * with each read.
 * <p>
 * It is started through the JVM's {@code JFR.start} diagnostic command (the
 * {@code DiagnosticCommand} MBean's {@code jfrStart}), which alone can set a recording's
 * flush interval: every recording that {@code new Recording()} makes flushes its events
 * every second ({@code PlatformRecording.flushInterval}, 1 s, and no public setter),
 * which wakes the JDK's recorder thread once a second while any runs. This one never
 * flushes (reads end the chunk instead), so while no thread starts the recorder thread
 * sleeps; a user's recording still flushes as often as it asks (the JDK flushes at the
 * shortest interval of the running recordings). Where the command is not there (no
 * {@code jdk.management} module) or fails, a {@code new Recording()} records the same. On
 * JDK 25 and later the recording flushes ({@link #FLUSHES}).
 */
final class JfrStartRecording implements AutoCloseable {

	static final String THREAD_START = "jdk.ThreadStart";

	private static final String NAME = "leakwatch-created-by";

	/**
	 * The flush interval of a recording that never flushes. Not 0: the command's help
	 * says 0 flushes only when the recording ends, but the JDK raises every interval
	 * below a second to one second (JDK 17 {@code RequestEngine.setFlushInterval}, JDK 25
	 * {@code FlushTask.setInterval}).
	 */
	private static final String NEVER_FLUSH = "flush-interval=3650d";

	/**
	 * Whether this JDK is better served by a recording that flushes every second. On JDK
	 * 25 one that never flushes cost the threads that start threads about 5 µs more per
	 * start (JMH, 3 alternating rounds), 0.5% of a core at 1,000 starts a second, against
	 * 0.010% of a core that the recorder thread's wake-ups cost while no thread starts.
	 * On JDK 17 the starts cost the same either way. JDK 18 to 24 were not measured and
	 * are treated as JDK 17.
	 */
	static final boolean FLUSHES = Runtime.version().feature() >= 25;

	/**
	 * How long a read waits for live threads without a site to end before it parses for
	 * them: a thread that lives a few milliseconds needs no site, and at 1,000 such
	 * starts a second one of them is often alive when a read begins.
	 */
	private static final Duration PENDING_GRACE = Duration.ofMillis(50);

	private static final AtomicInteger RECORDINGS = new AtomicInteger();

	private static final System.Logger logger = System.getLogger(JfrStartRecording.class.getName());

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final OriginSettings settings;

	private final Duration keep;

	private Recording recording;

	/** Whether the recording was started by the diagnostic command, without flushes. */
	private boolean withoutFlushes;

	/**
	 * The sites of the stacks of one read: the parser hands out one object per stack and
	 * chunk, and threads started from one site share a stack. Emptied after each read,
	 * and when it holds as many as the table may.
	 */
	private final Map<RecordedStackTrace, CreationSite> readSites = new IdentityHashMap<>();

	/**
	 * The ids of the threads alive once the chunks a read parses had ended, sorted; a
	 * thread whose start they hold and is not among them has ended.
	 */
	private long[] liveAfterChunks = new long[0];

	/** A directory of its own in the temporary one, readable only by this user. */
	private Path directory;

	/** Where a read copies the recording's chunks; there only while it reads. */
	private Path copy;

	/**
	 * Where a read writes the chunks of the copy it parses when it leaves some out; there
	 * only while it reads.
	 */
	private Path unread;

	/** When the last chunk read ended: the next read parses the chunks that end later. */
	private Instant readUpTo;

	/** Reads that parsed their chunks; the others had no live thread to find. */
	private long parsedReads;

	/**
	 * @param keep how long the recording keeps its chunks: longer than reads are apart
	 */
	JfrStartRecording(OriginSettings settings, Duration keep) {
		this.settings = settings;
		this.keep = keep;
	}

	/** Why this JVM cannot record thread starts, or {@code null} when it can. */
	static String unavailableReason() {
		return FlightRecorder.isAvailable() ? null
				: "the JDK Flight Recorder is not available in this JVM (turned off with -XX:-FlightRecorder?)";
	}

	/** Starts recording: every thread started once this returns is recorded. */
	void start() throws IOException {
		this.directory = Files.createTempDirectory(NAME + "-");
		this.directory.toFile().deleteOnExit();
		this.copy = this.directory.resolve("starts.jfr");
		this.unread = this.directory.resolve("unread.jfr");
		this.recording = FLUSHES ? null : startWithoutFlushes();
		this.withoutFlushes = this.recording != null;
		if (this.recording == null) {
			this.recording = new Recording();
			this.recording.setName(NAME);
			this.recording.setMaxAge(this.keep);
			this.recording.enable(THREAD_START).withStackTrace();
			this.recording.start();
		}
		this.readUpTo = this.recording.getStartTime();
	}

	/**
	 * Whether the recording runs without flushes, as the diagnostic command started it.
	 */
	boolean isWithoutFlushes() {
		return this.withoutFlushes;
	}

	/**
	 * A recording of thread starts started by the {@code JFR.start} diagnostic command,
	 * without flushes, or {@code null} when the command is not there or failed. It starts
	 * with no events, then records thread starts: the command takes events only from a
	 * settings file.
	 */
	private Recording startWithoutFlushes() {
		String name = NAME + "-" + RECORDINGS.incrementAndGet();
		List<Long> before = new ArrayList<>();
		FlightRecorder.getFlightRecorder().getRecordings().forEach((running) -> before.add(running.getId()));
		try {
			ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "jfrStart",
						new Object[] { new String[] { "name=" + name, "settings=none", "disk=true",
								"maxage=" + this.keep.toSeconds() + "s", NEVER_FLUSH } },
						new String[] { String[].class.getName() });
		}
		catch (JMException | RuntimeException ex) {
			logger.log(System.Logger.Level.DEBUG, "leakwatch records thread starts in a recording that flushes every"
					+ " second: the JFR.start diagnostic command failed", ex);
			return null;
		}
		Recording started = null;
		for (Recording running : FlightRecorder.getFlightRecorder().getRecordings()) {
			if (name.equals(running.getName()) && !before.contains(running.getId())) {
				started = running;
			}
		}
		if (started != null) {
			try {
				started.enable(THREAD_START).withStackTrace();
			}
			catch (RuntimeException ex) {
				started.close();
				return null;
			}
		}
		return started;
	}

	/**
	 * Reads every thread start recorded since the last read into {@code table}: every
	 * start before this call began, if it returns normally. When it throws, the next read
	 * reads these starts again.
	 */
	void readInto(OriginTable table) throws IOException, InterruptedException {
		Instant chunksEnd;
		try {
			// a stopped copy ends the current chunk and holds every finished one the
			// recording keeps, those read before too: ChunkFile leaves them out
			try (Recording finished = this.recording.copy(true)) {
				chunksEnd = finished.getStopTime();
				// every thread whose start the chunks hold was in the JVM's list of
				// threads before they ended: one that is not there now has ended, and
				// needs no site (at 1,000 starts a second most have; leaving them out
				// takes a fifth to a third off a read)
				this.liveAfterChunks = THREADS.getAllThreadIds();
				Arrays.sort(this.liveAfterChunks);
				if (!awaitsSites(table)) {
					// no live thread lacks its site: the chunks hold nothing to keep, and
					// parsing them was most of a read's cost
					this.readUpTo = chunksEnd;
					return;
				}
				finished.dump(this.copy);
			}
			this.parsedReads++;
			try (EventStream starts = EventStream
				.openFile(ChunkFile.endingAfter(this.copy, this.readUpTo, this.unread))) {
				starts.setOrdered(false);
				starts.setReuse(true);
				starts.onEvent(THREAD_START, (event) -> started(event, table));
				starts.start();
			}
		}
		finally {
			this.readSites.clear();
			deleteReadFiles();
		}
		this.readUpTo = chunksEnd;
	}

	/**
	 * Whether a live thread may have its start in the chunks: one the table has no site
	 * for, still alive after {@link #PENDING_GRACE}. Narrows {@link #liveAfterChunks} to
	 * the threads alive after the grace.
	 */
	private boolean awaitsSites(OriginTable table) throws InterruptedException {
		if (Arrays.stream(this.liveAfterChunks).noneMatch(table::awaitsSite)) {
			return false;
		}
		Thread.sleep(PENDING_GRACE.toMillis());
		long[] stillLive = THREADS.getAllThreadIds();
		Arrays.sort(stillLive);
		this.liveAfterChunks = Arrays.stream(this.liveAfterChunks)
			.filter((id) -> Arrays.binarySearch(stillLive, id) >= 0)
			.toArray();
		return Arrays.stream(this.liveAfterChunks).anyMatch(table::awaitsSite);
	}

	long parsedReads() {
		return this.parsedReads;
	}

	/** The directory of its files, once started. */
	Path directory() {
		return this.directory;
	}

	/** Stops recording, and deletes what it recorded. */
	@Override
	public void close() throws IOException {
		if (this.recording != null) {
			this.recording.close();
		}
		if (this.directory != null) {
			deleteReadFiles();
			Files.delete(this.directory);
		}
	}

	/** Deletes the files a read writes, which are there only while it reads. */
	private void deleteReadFiles() throws IOException {
		Files.deleteIfExists(this.copy);
		Files.deleteIfExists(this.unread);
	}

	private void started(RecordedEvent event, OriginTable table) {
		RecordedThread thread = event.getThread("thread");
		if (thread != null && Arrays.binarySearch(this.liveAfterChunks, thread.getJavaThreadId()) >= 0) {
			RecordedStackTrace stack = event.getStackTrace();
			if (this.readSites.size() >= this.settings.maxSites()) {
				this.readSites.clear();
			}
			CreationSite site = (stack != null) ? this.readSites.computeIfAbsent(stack, this::siteOf)
					: CreationSite.UNKNOWN;
			table.started(thread.getJavaThreadId(), site);
		}
	}

	/**
	 * The application frames below the pool's, or the innermost frames of a thread the
	 * JDK or a pool started by itself.
	 */
	private CreationSite siteOf(RecordedStackTrace stack) {
		if (stack.getFrames().isEmpty()) {
			return CreationSite.UNKNOWN;
		}
		List<RecordedFrame> frames = stack.getFrames();
		int first = 0;
		while (first < frames.size() && this.settings.isPoolFrame(className(frames.get(first)))) {
			first++;
		}
		boolean byItself = first == frames.size();
		String via = (!byItself && first > 0) ? line(frames.get(first - 1)) : null;
		List<String> lines = new ArrayList<>(this.settings.siteFrames());
		for (int i = byItself ? 0 : first; i < frames.size() && lines.size() < this.settings.siteFrames(); i++) {
			// below the first application frame, the JDK's (reflection, lambda forms) say
			// nothing about the site
			if (byItself || !this.settings.isPoolFrame(className(frames.get(i)))) {
				lines.add(line(frames.get(i)));
			}
		}
		return CreationSite.recorded(via, lines);
	}

	private static String className(RecordedFrame frame) {
		return frame.getMethod().getType().getName();
	}

	private static String line(RecordedFrame frame) {
		String method = className(frame) + "." + frame.getMethod().getName();
		return (frame.getLineNumber() >= 0) ? method + ":" + frame.getLineNumber() : method;
	}

}
