package dev.leakwatch.benchmarks.origin;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;
import dev.leakwatch.core.origin.OriginSettings;
import dev.leakwatch.core.origin.ThreadOrigins;

/**
 * What recording "created by" costs, measured in a JVM of its own (see
 * {@code benchmarks/created-by-cost.sh}): not JMH, because the cost is a background
 * thread's CPU and a table's heap, not a call's latency.
 * <ul>
 * <li>{@code cpu}: process CPU time while threads start at 1,000 per second, and while
 * none start, with the recording on and off in alternating rounds of the same JVM; the
 * difference is leakwatch's (the JDK's work to record the events, its recorder threads
 * and leakwatch's own thread). Two parts of it are read apart, less disturbed by a busy
 * machine: the CPU time of the recorder threads, during the starts, in the round after
 * them and in the one after that; and the starting thread's own CPU time, on minus off,
 * which holds the JDK's work to record each start's stack.</li>
 * <li>{@code heap}: used heap after a full GC, before and after 5,000 parked threads from
 * 10 sites start, with the recording on or off (one JVM each), once the recorder has read
 * their starts; the difference between the two runs per thread is what recording costs a
 * live thread.</li>
 * <li>{@code churn N}: N threads (1,000,000 in the script) that end at once, then what is
 * still held.</li>
 * </ul>
 * Usage:
 * {@code java -cp benchmarks.jar dev.leakwatch.benchmarks.origin.CreatedByCost cpu|heap on|heap off|churn N}
 */
public final class CreatedByCost {

	private static final Duration DELIVERY = Duration.ofSeconds(120);

	private static final int ROUNDS = 3;

	/**
	 * Twice the recorder's read interval while threads start, so that every round holds
	 * as many reads.
	 */
	private static final Duration ROUND = Duration.ofSeconds(30);

	private static final int STARTS_PER_SECOND = 1000;

	private static final int PARKED_THREADS = 5000;

	private static final int SITES = 10;

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final Set<String> RECORDER_THREADS = Set.of(ThreadOrigins.THREAD_NAME, "JFR Recorder Thread",
			"JFR Periodic Tasks");

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private CreatedByCost() {
	}

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "cpu" -> cpu();
			case "heap" -> heap(args[1].equals("on"));
			case "churn" -> churn(Integer.parseInt(args[1]));
			default -> throw new IllegalArgumentException("Unknown measurement '" + args[0] + "': cpu, heap or churn");
		}
	}

	private static void cpu() throws Exception {
		cpuPercent(CreatedByCost::startThreadsAtTheRate); // warm-up: the JIT compiles the
															// starting path
		List<double[]> rounds = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			long starter = THREADS.getCurrentThreadCpuTime();
			double startsOff = cpuPercent(CreatedByCost::startThreadsAtTheRate);
			long starterOff = THREADS.getCurrentThreadCpuTime() - starter;
			double idleOff = cpuPercent(CreatedByCost::idle);
			try (ThreadOrigins origins = watching()) {
				starter = THREADS.getCurrentThreadCpuTime();
				Shares starts = shares(CreatedByCost::startThreadsAtTheRate);
				long starterOn = THREADS.getCurrentThreadCpuTime() - starter;
				Shares after = shares(CreatedByCost::idle);
				Shares longAfter = shares(CreatedByCost::idle);
				double nanosPerStart = (starterOn - starterOff) / (double) (ROUND.toSeconds() * STARTS_PER_SECOND);
				rounds.add(new double[] { starts.process() - startsOff, after.process() - idleOff, starts.recorder(),
						after.recorder(), longAfter.recorder(), nanosPerStart * STARTS_PER_SECOND / 1e7 });
				System.out.printf(Locale.ROOT,
						"round %d: 1,000 starts/s %+.3f%% (%.2f%% without; recorder threads %.3f%%; starting"
								+ " thread %+.0f ns per start), idle %+.3f%% (recorder threads %.3f%%), then"
								+ " recorder threads %.3f%%, of one core%n",
						round + 1, starts.process() - startsOff, startsOff, starts.recorder(), nanosPerStart,
						after.process() - idleOff, after.recorder(), longAfter.recorder());
			}
		}
		String after = "the " + ROUND.toSeconds() + " s after the starts";
		System.out.println(summary("CPU, 1,000 thread starts/s", rounds, 0));
		System.out.println(summary("CPU, no thread starts, " + after, rounds, 1));
		System.out.println(summary("recorder threads' CPU, 1,000 thread starts/s", rounds, 2));
		System.out.println(summary("recorder threads' CPU, " + after, rounds, 3));
		System.out.println(summary("recorder threads' CPU, the " + ROUND.toSeconds() + " s after those", rounds, 4));
		System.out.println(summary("starting thread's own CPU, on minus off, 1,000 thread starts/s", rounds, 5));
	}

	/**
	 * The process's and the recorder threads' CPU over one round, as percentages of one
	 * core.
	 */
	private static Shares shares(Phase phase) throws Exception {
		long recorder = recorderCpu();
		long cpu = OS.getProcessCpuTime();
		long wall = System.nanoTime();
		phase.run();
		long elapsed = System.nanoTime() - wall;
		return new Shares(100.0 * (OS.getProcessCpuTime() - cpu) / elapsed,
				100.0 * (recorderCpu() - recorder) / elapsed);
	}

	/**
	 * CPU time of the threads that record and read the events: leakwatch's stream and the
	 * recorder's own.
	 */
	private static long recorderCpu() {
		long cpu = 0;
		for (ThreadInfo info : THREADS.dumpAllThreads(false, false)) {
			if (RECORDER_THREADS.contains(info.getThreadName())) {
				cpu += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
			}
		}
		return cpu;
	}

	/** Process CPU over one round, as a percentage of one core. */
	private static double cpuPercent(Phase phase) throws Exception {
		long cpu = OS.getProcessCpuTime();
		long wall = System.nanoTime();
		phase.run();
		return 100.0 * (OS.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
	}

	private static void startThreadsAtTheRate() throws InterruptedException {
		long period = TimeUnit.SECONDS.toNanos(1) / STARTS_PER_SECOND;
		long next = System.nanoTime();
		long end = next + ROUND.toNanos();
		while (next < end) {
			Thread thread = new Thread(CreatedByCost::nothing);
			thread.start();
			next += period;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
		}
	}

	private static void idle() throws InterruptedException {
		Thread.sleep(ROUND.toMillis());
	}

	private static void heap(boolean on) throws Exception {
		ThreadOrigins origins = on ? watching() : null;
		CountDownLatch release = new CountDownLatch(1);
		long before = usedAfterGc();
		for (int i = 0; i < PARKED_THREADS; i++) {
			Sites.start(i % SITES, () -> await(release));
		}
		if (origins != null) {
			origins.awaitDelivery(DELIVERY);
		}
		long after = usedAfterGc();
		System.out.printf(Locale.ROOT, "heap %s: %d parked threads from %d sites: %,d bytes, %.1f per thread%s%n",
				on ? "on" : "off", PARKED_THREADS, SITES, after - before, (after - before) / (double) PARKED_THREADS,
				(origins != null) ? "; table holds " + origins.threads() + " threads, " + origins.sites() + " sites"
						: "");
		release.countDown();
	}

	private static void churn(int threads) throws Exception {
		try (ThreadOrigins origins = watching()) {
			long before = usedAfterGc();
			int live = origins.threads();
			long start = System.nanoTime();
			for (int i = 0; i < threads; i++) {
				Thread thread = new Thread(CreatedByCost::nothing);
				thread.start();
				thread.join();
			}
			long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
			origins.awaitDelivery(DELIVERY);
			long after = usedAfterGc();
			System.out.printf(Locale.ROOT,
					"churn: %,d threads started and ended in %d s; table holds %d threads "
							+ "(%d before), %d sites, dropped %d; used heap after GC %+,d bytes%n",
					threads, seconds, origins.threads(), live, origins.sites(), origins.dropped(), after - before);
		}
	}

	/** leakwatch's recorder, started, once the Flight Recorder has delivered. */
	static ThreadOrigins watching() throws InterruptedException {
		ThreadOrigins origins = new ThreadOrigins(OriginSettings.defaults());
		origins.start();
		if (!origins.awaitDelivery(DELIVERY)) {
			throw new IllegalStateException("The Flight Recorder delivered nothing in " + DELIVERY);
		}
		return origins;
	}

	private static long usedAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	private static String summary(String what, List<double[]> rounds, int column) {
		String unit = "% of one core";
		double mean = rounds.stream().mapToDouble((round) -> round[column]).average().orElseThrow();
		double variance = rounds.stream().mapToDouble((round) -> Math.pow(round[column] - mean, 2)).sum()
				/ Math.max(1, rounds.size() - 1);
		double min = rounds.stream().mapToDouble((round) -> round[column]).min().orElseThrow();
		double max = rounds.stream().mapToDouble((round) -> round[column]).max().orElseThrow();
		return String.format(Locale.ROOT, "%s: %+.3f ± %.3f %s (mean ± sd of %d rounds, min %+.3f, max %+.3f)", what,
				mean, Math.sqrt(variance), unit, rounds.size(), min, max);
	}

	private static void await(CountDownLatch release) {
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void nothing() {
	}

	private record Shares(double process, double recorder) {

	}

	@FunctionalInterface
	private interface Phase {

		void run() throws Exception;

	}

	/** Ten call sites that start daemon threads, one line each. */
	private static final class Sites {

		static void start(int site, Runnable task) {
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			switch (site) {
				case 0 -> thread.start();
				case 1 -> thread.start();
				case 2 -> thread.start();
				case 3 -> thread.start();
				case 4 -> thread.start();
				case 5 -> thread.start();
				case 6 -> thread.start();
				case 7 -> thread.start();
				case 8 -> thread.start();
				default -> thread.start();
			}
		}

	}

}
