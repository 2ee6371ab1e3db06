package dev.leakwatch.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of leakwatch. Setters reject values that cannot work, so a bad value fails start-up with a
 * message that names the property.
 */
@ConfigurationProperties("leakwatch")
public class LeakwatchProperties {

	/**
	 * Whether leakwatch tracks executors, samples threads and offers its endpoint and meters.
	 */
	private boolean enabled = true;

	/**
	 * How often the background sampler looks at running tasks and live threads.
	 */
	private Duration sampleInterval = Duration.ofSeconds(5);

	/**
	 * How long a blocked task may run, or a task wait in a queue, before it is a leak suspect.
	 */
	private Duration stuckThreshold = Duration.ofSeconds(60);

	/**
	 * How many frames of each stack the sampler and the leaks endpoint keep.
	 */
	private int stackDepth = 64;

	/**
	 * Whether every tracked task records the frames that submitted it. Costs a stack walk per task.
	 */
	private boolean captureSubmitSite = false;

	private final Executors executors = new Executors();

	private final Threads threads = new Threads();

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

	public Executors getExecutors() {
		return this.executors;
	}

	public Threads getThreads() {
		return this.threads;
	}

	// The binder reports only the short field name, so the messages carry the full property name.
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
		 * Names of executor and scheduler beans that are left as they are, untracked.
		 */
		private Set<String> exclude = new LinkedHashSet<>();

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
		 * How many thread name families the leakwatch.threads meter and the report name; the rest are
		 * counted as 'other'.
		 */
		private int maxFamilies = 20;

		public int getMaxFamilies() {
			return this.maxFamilies;
		}

		public void setMaxFamilies(int maxFamilies) {
			this.maxFamilies = requireAtLeastOne(maxFamilies, "leakwatch.threads.max-families");
		}

	}

}
