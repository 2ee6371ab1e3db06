package dev.leakwatch.core.origin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * Thread starts and ends read in-process from the JDK Flight Recorder ({@code jdk.ThreadStart}, with the stack
 * of the thread that called {@code start()}, and {@code jdk.ThreadEnd}), fed into an {@link OriginTable} by a
 * thread of its own. The only class that touches {@code jdk.jfr}, loaded only once the module is known to be there.
 * <p>
 * Its recording is one more recording of the JVM's: the user's own keep their settings and events. JFR writes one
 * stream of events for all recordings, so while this one runs theirs may also hold thread start and end events,
 * and where threads start by the thousand their chunk files are cut more often (see {@link #STARTS_PER_CHUNK}).
 */
final class JfrStartStream implements AutoCloseable {

	static final String THREAD_START = "jdk.ThreadStart";

	static final String THREAD_END = "jdk.ThreadEnd";

	/** How long the recording keeps what it read: it is read as it is written, so a little is enough. */
	private static final Duration MAX_AGE = Duration.ofSeconds(10);

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	/**
	 * How many thread starts a chunk of the recording may hold. The stream's parser keeps every thread a chunk
	 * names until the chunk ends, and the JVM ends one only at 12 MB, hundreds of thousands of threads in; starting
	 * and stopping a recording ends it, so after this many starts one is.
	 */
	static final int STARTS_PER_CHUNK = 10_000;

	private final OriginSettings settings;

	private final OriginTable table;

	private final RecordingStream stream;

	private final Thread thread;

	/** Only the stream's thread touches it. */
	private int startsInChunk;

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
		this.stream.onMetadata((metadata) -> table.watching());
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
			this.table.started(thread.getJavaThreadId(), siteOf(event.getStackTrace()));
		}
	}

	private void ended(RecordedEvent event) {
		RecordedThread thread = event.getThread("thread");
		if (thread != null) {
			this.table.ended(thread.getJavaThreadId());
		}
	}

	private void delivered() {
		this.table.delivered();
		if (this.startsInChunk >= STARTS_PER_CHUNK) {
			this.startsInChunk = 0;
			endChunk();
		}
	}

	/** Starting a recording ends the JVM's current chunk; an empty one records nothing itself. */
	private static void endChunk() {
		try (Recording chunkEnd = new Recording()) {
			chunkEnd.setName("leakwatch-created-by-chunk-end");
			chunkEnd.start();
		}
	}

	/** The frames below the pool's, or the innermost frames of a thread the JDK or a pool started by itself. */
	private CreationSite siteOf(RecordedStackTrace stack) {
		if (stack == null || stack.getFrames().isEmpty()) {
			return CreationSite.UNKNOWN;
		}
		List<RecordedFrame> frames = stack.getFrames();
		int first = 0;
		while (first < frames.size() && this.settings.isPoolFrame(className(frames.get(first)))) {
			first++;
		}
		String via = null;
		if (first == frames.size()) {
			first = 0;
		}
		else if (first > 0) {
			via = line(frames.get(first - 1));
		}
		List<String> lines = new ArrayList<>(this.settings.siteFrames());
		for (int i = first; i < frames.size() && lines.size() < this.settings.siteFrames(); i++) {
			lines.add(line(frames.get(i)));
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
