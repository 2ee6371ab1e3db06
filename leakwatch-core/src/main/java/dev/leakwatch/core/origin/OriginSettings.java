package dev.leakwatch.core.origin;

import java.util.List;
import java.util.Objects;

/**
 * Bounds and rules of {@link ThreadOrigins}.
 *
 * @param maxThreads how many live threads' sites are kept at most; threads started beyond
 * it are {@linkplain CreationSite#UNKNOWN unknown}
 * @param maxSites how many distinct sites are kept at most; threads started from a new
 * site beyond it are {@linkplain CreationSite#UNKNOWN unknown}
 * @param siteFrames how many application frames a site keeps (frames of
 * {@code poolFrames} below the first are left out)
 * @param poolFrames class name prefixes of the frames that start threads on the
 * application's behalf (the JDK, thread pools, leakwatch's own wrappers): a site begins
 * at the first frame below them
 */
public record OriginSettings(int maxThreads, int maxSites, int siteFrames, List<String> poolFrames) {

	/**
	 * The frames a site skips. The JDK starts threads for {@code Thread.start}, its
	 * executors ({@code
	 * ThreadPoolExecutor.addWorker}), {@code ForkJoinPool}, {@code CompletableFuture} and
	 * {@code Timer}; the libraries named here start them inside their pools and event
	 * loops; leakwatch's tracking wrappers sit between the application and its executor.
	 */
	public static final List<String> DEFAULT_POOL_FRAMES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
			"org.springframework.scheduling.", "org.springframework.core.task.", "com.google.common.util.concurrent.",
			"io.netty.util.concurrent.", "org.apache.tomcat.util.threads.", "kotlinx.coroutines.",
			"dev.leakwatch.core.task.");

	public OriginSettings {
		requireAtLeastOne(maxThreads, "maxThreads");
		requireAtLeastOne(maxSites, "maxSites");
		requireAtLeastOne(siteFrames, "siteFrames");
		poolFrames = List.copyOf(Objects.requireNonNull(poolFrames, "poolFrames"));
	}

	/** 100,000 threads, 4,096 sites of 5 frames, {@link #DEFAULT_POOL_FRAMES}. */
	public static OriginSettings defaults() {
		return new OriginSettings(100_000, 4096, 5, DEFAULT_POOL_FRAMES);
	}

	public OriginSettings withMaxThreads(int maxThreads) {
		return new OriginSettings(maxThreads, this.maxSites, this.siteFrames, this.poolFrames);
	}

	public OriginSettings withMaxSites(int maxSites) {
		return new OriginSettings(this.maxThreads, maxSites, this.siteFrames, this.poolFrames);
	}

	public OriginSettings withSiteFrames(int siteFrames) {
		return new OriginSettings(this.maxThreads, this.maxSites, siteFrames, this.poolFrames);
	}

	/** Whether a frame of this class starts threads on the application's behalf. */
	boolean isPoolFrame(String className) {
		for (String prefix : this.poolFrames) {
			if (className.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static void requireAtLeastOne(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, was " + value);
		}
	}

}
