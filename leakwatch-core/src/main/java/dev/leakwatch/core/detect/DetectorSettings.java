package dev.leakwatch.core.detect;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreads;

/**
 * How the detector samples and judges.
 *
 * @param stuckThreshold how long a blocked task may run before it is stuck
 * @param sampleInterval how often the sampler looks
 * @param stackDepth how many frames a stack keeps
 * @param maxFamilies how many thread families are counted by name before the rest is
 * {@code other}
 * @param idleFilters threads that wait by design and are never suspects
 * @param growthWindow how far back growth detectors look
 * @param periodicGrowthMinIncrease how many more live periodic tasks a source must have
 * than at any time in the growth window to be a suspect
 * @param threadGrowthMinIncrease how many more live threads (or executors) a thread
 * family must have than at any time in the growth window to be a suspect
 * @param virtualThreads whether every sample and report reads virtual threads too (JDK
 * 21+; a full thread dump each time)
 */
public record DetectorSettings(Duration stuckThreshold, Duration sampleInterval, int stackDepth, int maxFamilies,
		List<IdleThreadFilter> idleFilters, Duration growthWindow, int periodicGrowthMinIncrease,
		int threadGrowthMinIncrease, boolean virtualThreads) {

	public static final Duration DEFAULT_GROWTH_WINDOW = Duration.ofMinutes(5);

	public static final int DEFAULT_PERIODIC_GROWTH_MIN_INCREASE = 20;

	public static final int DEFAULT_THREAD_GROWTH_MIN_INCREASE = 20;

	public static final Duration DEFAULT_STUCK_THRESHOLD = Duration.ofSeconds(60);

	public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(5);

	public static final int DEFAULT_STACK_DEPTH = 64;

	public static final int DEFAULT_MAX_FAMILIES = 20;

	public DetectorSettings {
		requirePositive(stuckThreshold, "stuckThreshold");
		requirePositive(sampleInterval, "sampleInterval");
		requireAtLeastOne(stackDepth, "stackDepth");
		requireAtLeastOne(maxFamilies, "maxFamilies");
		idleFilters = List.copyOf(idleFilters);
		requirePositive(growthWindow, "growthWindow");
		requireAtLeastOne(periodicGrowthMinIncrease, "periodicGrowthMinIncrease");
		requireAtLeastOne(threadGrowthMinIncrease, "threadGrowthMinIncrease");
	}

	/** Settings with the default growth detection. */
	public DetectorSettings(Duration stuckThreshold, Duration sampleInterval, int stackDepth, int maxFamilies,
			List<IdleThreadFilter> idleFilters) {
		this(stuckThreshold, sampleInterval, stackDepth, maxFamilies, idleFilters, DEFAULT_GROWTH_WINDOW,
				DEFAULT_PERIODIC_GROWTH_MIN_INCREASE, DEFAULT_THREAD_GROWTH_MIN_INCREASE, false);
	}

	public static DetectorSettings defaults() {
		return new DetectorSettings(DEFAULT_STUCK_THRESHOLD, DEFAULT_SAMPLE_INTERVAL, DEFAULT_STACK_DEPTH,
				DEFAULT_MAX_FAMILIES, IdleThreads.DEFAULTS);
	}

	public DetectorSettings withTiming(Duration stuckThreshold, Duration sampleInterval) {
		return new DetectorSettings(stuckThreshold, sampleInterval, this.stackDepth, this.maxFamilies, this.idleFilters,
				this.growthWindow, this.periodicGrowthMinIncrease, this.threadGrowthMinIncrease, this.virtualThreads);
	}

	private static void requireAtLeastOne(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, was " + value);
		}
	}

	private static void requirePositive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
	}

}
