package dev.leakwatch.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.proof.ProofSettings;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreadPatterns;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of leakwatch. Setters reject values that cannot work, so a bad value
 * fails start-up with a message that names the property. Defaults are the core's
 * ({@link DetectorSettings}, {@link ProofSettings}); the configuration metadata cannot
 * read them there, so additional-spring-configuration-metadata.json repeats them, and a
 * test holds the two together.
 */
@ConfigurationProperties("leakwatch")
public class LeakwatchProperties {

	/**
	 * Whether leakwatch tracks executors, samples threads and offers its endpoint and
	 * meters.
	 */
	private boolean enabled = true;

	/**
	 * How often the background sampler looks at running tasks and live threads.
	 */
	private Duration sampleInterval = DetectorSettings.DEFAULT_SAMPLE_INTERVAL;

	/**
	 * How long a blocked task may run, or a task wait in a queue, before it is a leak
	 * suspect.
	 */
	private Duration stuckThreshold = DetectorSettings.DEFAULT_STUCK_THRESHOLD;

	/**
	 * How many frames of each stack the sampler and the leaks endpoint keep.
	 */
	private int stackDepth = DetectorSettings.DEFAULT_STACK_DEPTH;

	/**
	 * Whether every tracked task records the frames that submitted it. Costs a stack walk
	 * per task.
	 */
	private boolean captureSubmitSite = false;

	/**
	 * Whether every sample and report includes virtual threads, read from a full JSON
	 * thread dump each time: {@code auto} (on where the JDK has virtual threads, Java
	 * 21+), {@code true} or {@code false}. Off, /actuator/leaks?virtual=true still
	 * includes them on request.
	 */
	private VirtualThreads virtualThreads = VirtualThreads.AUTO;

	/**
	 * How far back growth detectors (periodic tasks) look for a count that keeps rising.
	 */
	private Duration growthWindow = DetectorSettings.DEFAULT_GROWTH_WINDOW;

	private final Executors executors = new Executors();

	private final Threads threads = new Threads();

	private final PeriodicGrowth periodicGrowth = new PeriodicGrowth();

	private final ThreadGrowth threadGrowth = new ThreadGrowth();

	private final Http http = new Http();

	private final Health health = new Health();

	private final Proof proof = new Proof();

	private final CreatedBy createdBy = new CreatedBy();

	private final Idle idle = new Idle();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getSampleInterval() {
		return this.sampleInterval;
	}

	public void setSampleInterval(Duration sampleInterval) {
		this.sampleInterval = requirePositive(sampleInterval, "leakwatch.sample-interval");
	}

	public Duration getStuckThreshold() {
		return this.stuckThreshold;
	}

	public void setStuckThreshold(Duration stuckThreshold) {
		this.stuckThreshold = requirePositive(stuckThreshold, "leakwatch.stuck-threshold");
	}

	public int getStackDepth() {
		return this.stackDepth;
	}

	public void setStackDepth(int stackDepth) {
		this.stackDepth = requireAtLeastOne(stackDepth, "leakwatch.stack-depth");
	}

	public boolean isCaptureSubmitSite() {
		return this.captureSubmitSite;
	}

	public void setCaptureSubmitSite(boolean captureSubmitSite) {
		this.captureSubmitSite = captureSubmitSite;
	}

	public Duration getGrowthWindow() {
		return this.growthWindow;
	}

	public void setGrowthWindow(Duration growthWindow) {
		this.growthWindow = requirePositive(growthWindow, "leakwatch.growth-window");
	}

	public PeriodicGrowth getPeriodicGrowth() {
		return this.periodicGrowth;
	}

	public ThreadGrowth getThreadGrowth() {
		return this.threadGrowth;
	}

	public Proof getProof() {
		return this.proof;
	}

	public CreatedBy getCreatedBy() {
		return this.createdBy;
	}

	public Idle getIdle() {
		return this.idle;
	}

	public Health getHealth() {
		return this.health;
	}

	public Http getHttp() {
		return this.http;
	}

	public VirtualThreads getVirtualThreads() {
		return this.virtualThreads;
	}

	public void setVirtualThreads(VirtualThreads virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	/**
	 * Whether samples read virtual threads; {@code true} and {@code false} bind to
	 * {@code ON} and {@code OFF}.
	 */
	public enum VirtualThreads {

		/** On where the JDK has virtual threads (Java 21+). */
		AUTO,

		/** Always on (before Java 21 the report's notes say why there are none). */
		ON,

		/** Off: virtual threads are read only when a request asks for them. */
		OFF;

		/** Whether samples read virtual threads on this JVM. */
		public boolean enabled() {
			return (this == AUTO) ? Runtime.version().feature() >= 21 : this == ON;
		}

	}

	public Executors getExecutors() {
		return this.executors;
	}

	public Threads getThreads() {
		return this.threads;
	}

	// The binder reports only the short field name, so the messages carry the full
	// property name.
	private static Duration requirePositive(Duration duration, String property) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
		}
		return duration;
	}

	private static int requireAtLeastOne(int value, String property) {
		if (value < 1) {
			throw new IllegalArgumentException(property + " must be at least 1, was " + value);
		}
		return value;
	}

	/** Which executor beans are tracked. */
	public static class Executors {

		/**
		 * Whether executor and scheduler beans, and with them @Async and @Scheduled
		 * tasks, are tracked. Off, every such bean stays the one the application made;
		 * the sampler still reads every live thread.
		 */
		private boolean enabled = true;

		/**
		 * Names of executor and scheduler beans that are left as they are, untracked.
		 */
		private Set<String> exclude = new LinkedHashSet<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(Set<String> exclude) {
			this.exclude = exclude;
		}

	}

	/** How live threads are counted. */
	public static class Threads {

		/**
		 * How many thread name families the leakwatch.threads meter and the report name;
		 * the rest are counted as 'other'.
		 */
		private int maxFamilies = DetectorSettings.DEFAULT_MAX_FAMILIES;

		public int getMaxFamilies() {
			return this.maxFamilies;
		}

		public void setMaxFamilies(int maxFamilies) {
			this.maxFamilies = requireAtLeastOne(maxFamilies, "leakwatch.threads.max-families");
		}

	}

	/** When periodic tasks that are never cancelled become a suspect. */
	public static class PeriodicGrowth {

		/**
		 * How many more live periodic tasks a source must have than at any time in the
		 * growth window to be a PERIODIC_TASK_GROWTH suspect.
		 */
		private int minIncrease = DetectorSettings.DEFAULT_PERIODIC_GROWTH_MIN_INCREASE;

		public int getMinIncrease() {
			return this.minIncrease;
		}

		public void setMinIncrease(int minIncrease) {
			this.minIncrease = requireAtLeastOne(minIncrease, "leakwatch.periodic-growth.min-increase");
		}

	}

	/** When threads and executors that no bean owns become a suspect. */
	public static class ThreadGrowth {

		/**
		 * How many more live threads (THREAD_GROWTH) or executors (EXECUTOR_GROWTH) a
		 * thread name family must have than at any time in the growth window to be a
		 * suspect.
		 */
		private int minIncrease = DetectorSettings.DEFAULT_THREAD_GROWTH_MIN_INCREASE;

		public int getMinIncrease() {
			return this.minIncrease;
		}

		public void setMinIncrease(int minIncrease) {
			this.minIncrease = requireAtLeastOne(minIncrease, "leakwatch.thread-growth.min-increase");
		}

	}

	/** Proof of leaks by heap reachability: {@code /actuator/leaks?proof=true}. */
	public static class Proof {

		/**
		 * Whether heap proofs may be made. A proof dumps the heap, and with it whatever
		 * the application holds in memory, to disk for its analysis; off,
		 * /actuator/leaks?proof=true is refused with a 400 and nothing is dumped.
		 */
		private boolean enabled = true;

		/**
		 * The most used heap a proof dumps; above it, a proof is refused (the dump pauses
		 * the JVM, and its analysis needs heap of its own).
		 */
		private DataSize maxHeap = DataSize.ofBytes(ProofSettings.DEFAULT_MAX_HEAP_BYTES);

		/**
		 * How long a proof may take, dump and analysis, before it is abandoned.
		 */
		private Duration timeout = ProofSettings.DEFAULT_TIMEOUT;

		/**
		 * Where heap dumps are written, each in a fresh directory only the process user
		 * can read, and deleted after the proof; the system temporary directory when not
		 * set.
		 */
		private Path directory;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getMaxHeap() {
			return this.maxHeap;
		}

		public void setMaxHeap(DataSize maxHeap) {
			if (maxHeap == null || maxHeap.toBytes() < 1) {
				throw new IllegalArgumentException("leakwatch.proof.max-heap must be positive, was " + maxHeap);
			}
			this.maxHeap = maxHeap;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = requirePositive(timeout, "leakwatch.proof.timeout");
		}

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			if (directory != null && !Files.isDirectory(directory)) {
				throw new IllegalArgumentException(
						"leakwatch.proof.directory must be an existing directory, was " + directory);
			}
			this.directory = directory;
		}

	}

	/** Where threads were started, recorded by the JDK Flight Recorder. */
	public static class CreatedBy {

		/**
		 * Whether leakwatch records where every thread is started, from the JDK Flight
		 * Recorder's thread start events, to show it as 'created by'. Needs the jdk.jfr
		 * module; without it, this stays off with a note.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Threads that wait by design, besides the defaults: never suspects, listed in the
	 * report.
	 */
	public static class Idle {

		/**
		 * Names of threads that wait by design, each matching the whole name, where '*'
		 * stands for any run of characters and every other character for itself:
		 * 'orders-housekeeper', 'pool-*-poller'.
		 */
		private List<String> threadNames = new ArrayList<>();

		/**
		 * Frames whose threads wait by design, anywhere in the stack:
		 * 'fully.qualified.Class#method', or 'fully.qualified.Class' for any method of it
		 * (nested classes with '$').
		 */
		private List<String> frames = new ArrayList<>();

		public List<String> getThreadNames() {
			return this.threadNames;
		}

		public void setThreadNames(List<String> threadNames) {
			this.threadNames = requireEach(threadNames, "leakwatch.idle.thread-names", IdleThreadPatterns::threadName);
		}

		public List<String> getFrames() {
			return this.frames;
		}

		public void setFrames(List<String> frames) {
			this.frames = requireEach(frames, "leakwatch.idle.frames", IdleThreadPatterns::frame);
		}

		private static List<String> requireEach(List<String> values, String property,
				Function<String, IdleThreadFilter> parse) {
			for (int i = 0; i < values.size(); i++) {
				try {
					// an item given no value may bind as null
					parse.apply(Objects.requireNonNullElse(values.get(i), ""));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(property + "[" + i + "]: " + ex.getMessage(), ex);
				}
			}
			return values;
		}

	}

	/** The leaks health indicator. */
	public static class Health {

		/**
		 * Suspect kinds that make the leaks health indicator DOWN, besides DEADLOCK,
		 * which always does.
		 */
		private Set<SuspectKind> downOn = new LinkedHashSet<>();

		public Set<SuspectKind> getDownOn() {
			return this.downOn;
		}

		public void setDownOn(Set<SuspectKind> downOn) {
			this.downOn = downOn;
		}

	}

	/** How HTTP client requests are tracked. */
	public static class Http {

		/**
		 * Whether the requests of every WebClient and RestClient built from Boot's
		 * builders are tracked.
		 */
		private boolean enabled = true;

		/**
		 * How many request sources (method, host and folded path) each client kind names.
		 * A new one takes the place of a source idle for source-idle-time; when none is,
		 * its requests count as 'other'.
		 */
		private int maxSources = 100;

		/**
		 * How long a named request source must go without a request before a new source
		 * may take its place once max-sources are named.
		 */
		private Duration sourceIdleTime = Duration.ofMinutes(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxSources() {
			return this.maxSources;
		}

		public void setMaxSources(int maxSources) {
			this.maxSources = requireAtLeastOne(maxSources, "leakwatch.http.max-sources");
		}

		public Duration getSourceIdleTime() {
			return this.sourceIdleTime;
		}

		public void setSourceIdleTime(Duration sourceIdleTime) {
			this.sourceIdleTime = requirePositive(sourceIdleTime, "leakwatch.http.source-idle-time");
		}

	}

}
