package dev.leakwatch.core.origin;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * Thread starts and ends read in-process from the JDK Flight Recorder
 * ({@code jdk.ThreadStart}, with the stack of the thread that called {@code start()}, and
 * {@code jdk.ThreadEnd}), fed into an {@link OriginTable} by a thread of its own. The
 * only class that touches {@code jdk.jfr}, loaded only once the module is known to be
 * there.
 * <p>
 * Its recording is one more recording of the JVM's: the user's own keep their settings
 * and events. JFR writes one stream of events for all recordings, so while this one runs
 * theirs may also hold thread start and end events, and where threads start by the
 * thousand their chunk files are cut more often (see {@link #STARTS_PER_CHUNK}).
 */
final class JfrStartStream implements AutoCloseable {

	static final String THREAD_START = "jdk.ThreadStart";

	static final String THREAD_END = "jdk.ThreadEnd";

	/**
	 * How long the recording keeps what it read: it is read as it is written, so a little
	 * is enough.
	 */
	private static final Duration MAX_AGE = Duration.ofSeconds(10);

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	/**
	 * How many thread starts a chunk of the recording may hold. The stream's parser keeps
	 * every thread a chunk names until the chunk ends, and the JVM ends one only at 12
	 * MB, hundreds of thousands of threads in; starting and stopping a recording ends it,
	 * so after this many starts one is.
	 */
	static final int STARTS_PER_CHUNK = 10_000;

	private final OriginSettings settings;

	private final OriginTable table;

	private final RecordingStream stream;

	private final Thread thread;

	/** Only the stream's thread touches it. */
	private int startsInChunk;

	/**
	 * The sites of the stacks of this chunk: the parser hands out one object per stack
	 * and chunk, and threads started from one site share a stack. Only the stream's
	 * thread touches it; emptied with each chunk, and when it holds as many as the table
	 * may.
	 */
	private final Map<RecordedStackTrace, CreationSite> chunkSites = new IdentityHashMap<>();

	JfrStartStream(OriginSettings settings, OriginTable table) {
		this.settings = settings;
		this.table = table;
		this.stream = new RecordingStream();
		this.stream.setMaxAge(MAX_AGE);
		this.stream.setReuse(true);
		this.stream.enable(THREAD_START).withStackTrace();
		this.stream.enable(THREAD_END).withoutStackTrace();
		this.stream.onEvent(THREAD_START, this::started);
		this.stream.onEvent(THREAD_END, this::ended);
		this.stream.onMetadata((metadata) -> chunkBegins());
		this.stream.onFlush(this::delivered);
		this.thread = new Thread(this.stream::start, ThreadOrigins.THREAD_NAME);
		this.thread.setDaemon(true);
	}

	/** Why this JVM cannot record thread starts, or {@code null} when it can. */
	static String unavailableReason() {
		return FlightRecorder.isAvailable() ? null
				: "the JDK Flight Recorder is not available in this JVM (turned off with -XX:-FlightRecorder?)";
	}

	void start() {
		this.thread.start();
	}

	@Override
	public void close() throws InterruptedException {
		this.stream.close();
		this.thread.join(CLOSE_WAIT.toMillis());
	}

	private void started(RecordedEvent event) {
		this.startsInChunk++;
		RecordedThread thread = event.getThread("thread");
		if (thread != null) {
			RecordedStackTrace stack = event.getStackTrace();
			if (this.chunkSites.size() >= this.settings.maxSites()) {
				this.chunkSites.clear();
			}
			CreationSite site = (stack != null) ? this.chunkSites.computeIfAbsent(stack, this::siteOf)
					: CreationSite.UNKNOWN;
			this.table.started(thread.getJavaThreadId(), site);
		}
	}

	private void ended(RecordedEvent event) {
		RecordedThread thread = event.getThread("thread");
		if (thread != null) {
			this.table.ended(thread.getJavaThreadId());
		}
	}

	/** Watching begins with the first chunk; every chunk has stacks of its own. */
	private void chunkBegins() {
		this.chunkSites.clear();
		this.table.watching();
	}

	private void delivered() {
		this.table.delivered();
		if (this.startsInChunk >= STARTS_PER_CHUNK) {
			this.startsInChunk = 0;
			this.chunkSites.clear();
			this.table.retainLive(ManagementFactory.getThreadMXBean().getAllThreadIds());
			endChunk();
		}
	}

	/**
	 * Starting a recording ends the JVM's current chunk; an empty one records nothing
	 * itself.
	 */
	private static void endChunk() {
		try (Recording chunkEnd = new Recording()) {
			chunkEnd.setName("leakwatch-created-by-chunk-end");
			chunkEnd.start();
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
