package dev.leakwatch.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.task.TaskTracker;

/**
 * What the background sampler costs per interval with every rule on: CPU per sample (the
 * sampling thread's own CPU time, so a busy neighbour on this machine moves it little),
 * the JVM pauses a sample causes (the safepoints of its stack reads and deadlock search,
 * from {@code -Xlog:safepoint}), and the heap its model of the threads holds per live
 * thread. One population per JVM, measured in rounds; see
 * {@code benchmarks/sampler-cost.sh}. With virtual threads the samples are paced at the
 * real interval, since the detector reads virtual threads (a costly JSON dump) only as
 * often as keeps that dump within 1% of a core.
 * <p>
 * Usage:
 * {@code java -Xlog:safepoint:file=LOG -cp benchmarks.jar dev.leakwatch.benchmarks.SamplerCost
 * <platform threads> <virtual threads> <fresh|stuck> LOG}
 */
public final class SamplerCost {

	private static final int WARM_UP_SAMPLES = 60;

	private static final int ROUNDS = 5;

	private static final int SAMPLES_PER_ROUND = 40;

	/** Paced samples take an interval each: fewer of them. */
	private static final int PACED_ROUNDS = 2;

	private static final int PACED_SAMPLES_PER_ROUND = 6;

	private static final Duration INTERVAL = DetectorSettings.DEFAULT_SAMPLE_INTERVAL;

	private static final Pattern SAFEPOINT = Pattern
		.compile("\\[(\\d+\\.\\d+)s\\].*Safepoint \"(ThreadDump|FindDeadlocks)\".*Total: (\\d+) ns");

	private SamplerCost() {
	}

	public static void main(String[] args) throws Exception {
		int platform = Integer.parseInt(args[0]);
		int virtual = Integer.parseInt(args[1]);
		boolean stuck = "stuck".equals(args[2]);
		Path log = Path.of(args[3]);
		TaskTracker tracker = new TaskTracker(false);
		try (ThreadPopulation population = ThreadPopulation.start(platform, virtual, tracker)) {
			DetectorSettings defaults = DetectorSettings.defaults();
			DetectorSettings settings = new DetectorSettings(stuck ? Duration.ofMillis(1) : defaults.stuckThreshold(),
					INTERVAL, defaults.stackDepth(), defaults.maxFamilies(), defaults.idleFilters(),
					defaults.growthWindow(), defaults.periodicGrowthMinIncrease(), defaults.threadGrowthMinIncrease(),
					virtual > 0);
			long before = Heap.settledUsed();
			LeakDetector detector = new LeakDetector(tracker, settings);
			for (int i = 0; i < WARM_UP_SAMPLES; i++) {
				detector.sample();
			}
			long heldPerThread = (Heap.settledUsed() - before) / (platform + virtual);
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			boolean paced = virtual > 0;
			int rounds = paced ? PACED_ROUNDS : ROUNDS;
			int samples = paced ? PACED_SAMPLES_PER_ROUND : SAMPLES_PER_ROUND;
			List<Double> cpuMillis = new ArrayList<>();
			double start = uptimeSeconds();
			for (int round = 0; round < rounds; round++) {
				long cpu = threads.getCurrentThreadCpuTime();
				for (int i = 0; i < samples; i++) {
					long began = System.nanoTime();
					detector.sample();
					if (paced) {
						Thread.sleep(Math.max(0, INTERVAL.toMillis() - (System.nanoTime() - began) / 1_000_000));
					}
				}
				cpuMillis.add((threads.getCurrentThreadCpuTime() - cpu) / 1e6 / samples);
			}
			double end = uptimeSeconds();
			Thread.sleep(200); // let the log reach the file
			List<Long> pauses = pauses(log, start, end);
			double meanCpu = cpuMillis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
			double spread = (cpuMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0)
					- cpuMillis.stream().mapToDouble(Double::doubleValue).min().orElse(0)) / 2;
			double pausePerSample = pauses.stream().mapToLong(Long::longValue).sum() / 1e6 / (rounds * samples);
			long maxPause = pauses.stream().mapToLong(Long::longValue).max().orElse(0);
			System.out.printf(Locale.ROOT, "| %,d | %,d | %s | %.2f ms +- %.2f | %.3f%% | %.3f ms | %.3f ms | %d B |%n",
					platform, virtual, stuck ? "every task stuck" : "healthy", meanCpu, spread,
					100 * meanCpu / INTERVAL.toMillis(), pausePerSample, maxPause / 1e6, heldPerThread);
		}
	}

	private static double uptimeSeconds() {
		return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
	}

	/**
	 * The sampler's safepoints logged between {@code start} and {@code end} (JVM uptime
	 * seconds), in ns.
	 */
	private static List<Long> pauses(Path log, double start, double end) throws IOException {
		List<Long> pauses = new ArrayList<>();
		for (String line : Files.readAllLines(log)) {
			Matcher matcher = SAFEPOINT.matcher(line);
			if (matcher.find()) {
				double at = Double.parseDouble(matcher.group(1));
				if (at >= start && at <= end) {
					pauses.add(Long.parseLong(matcher.group(3)));
				}
			}
		}
		return pauses;
	}

}
