package dev.leakwatch.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.Sample;
import dev.leakwatch.core.task.TaskTracker;

/**
 * Goal 4: the background sampler's work per interval, {@link LeakDetector#sample()}, with
 * 1,000 and 10,000 parked threads ({@link ThreadPopulation}: half of them running blocked
 * tracked tasks). The sampler does this once per interval on one thread, so time per
 * sample over the interval is the share of one core it takes.
 * <ul>
 * <li>{@code fresh}: default settings; the tasks are younger than the watch window
 * (threshold minus one interval), so a sample reads counters and running-task slots but
 * no stacks: a healthy service.</li>
 * <li>{@code stuck}: a 1 ms threshold, so every running task is watched and, from the
 * second sample on, stuck: each sample reads the stacks of all blocked workers and builds
 * a suspect for each. The worst case.</li>
 * </ul>
 * Threads get 256 KB stacks so that 10,000 of them fit comfortably.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xss256k")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SamplerBenchmark {

	static final String FRESH = "fresh";

	static final String STUCK = "stuck";

	@Param({ "1000", "10000" })
	public int threads;

	@Param({ FRESH, STUCK })
	public String tasks;

	private ThreadPopulation population;

	private LeakDetector detector;

	@Setup(Level.Trial)
	public void start() throws InterruptedException {
		TaskTracker tracker = new TaskTracker(false);
		this.population = ThreadPopulation.start(this.threads, tracker);
		DetectorSettings settings = DetectorSettings.defaults();
		if (STUCK.equals(this.tasks)) {
			settings = settings.withTiming(Duration.ofMillis(1), DetectorSettings.DEFAULT_SAMPLE_INTERVAL);
		}
		this.detector = new LeakDetector(tracker, settings);
		this.detector.sample();
		if (STUCK.equals(this.tasks) && this.detector.sample().suspects().isEmpty()) {
			throw new IllegalStateException("the stuck case found no stuck tasks: it would measure the wrong thing");
		}
	}

	@TearDown(Level.Trial)
	public void stop() throws InterruptedException {
		this.population.close();
	}

	@Benchmark
	public Sample sample() {
		return this.detector.sample();
	}

}
