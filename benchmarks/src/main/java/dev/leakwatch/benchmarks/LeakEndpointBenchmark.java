package dev.leakwatch.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.actuate.management.ThreadDumpEndpoint;

import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.LeakReportTextFormatter;
import dev.leakwatch.core.task.TaskTracker;

/**
 * Goal 5: what {@code /actuator/leaks} costs with 10,000 parked threads
 * ({@link ThreadPopulation}), against the floor, a bare
 * {@code ThreadMXBean.dumpAllThreads(false, false)}, and against Boot's text
 * {@code /actuator/threaddump} ({@link ThreadDumpEndpoint#textThreadDump()}, which also
 * asks for locks). The text benchmarks record the length of what they produce
 * ({@code textChars}, ASCII here, so bytes): leakwatch folds threads with one stack into
 * one entry, Boot prints every thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xss256k")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LeakEndpointBenchmark {

	static final int THREADS = 10_000;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final LeakReportTextFormatter formatter = new LeakReportTextFormatter();

	private final ThreadDumpEndpoint boot = new ThreadDumpEndpoint();

	private ThreadPopulation population;

	private LeakDetector detector;

	@Setup(Level.Trial)
	public void start() throws InterruptedException {
		TaskTracker tracker = new TaskTracker(false);
		this.population = ThreadPopulation.start(THREADS, tracker);
		this.detector = new LeakDetector(tracker, DetectorSettings.defaults());
		this.detector.sample(); // a running service has sampled before anyone asks for a
								// report
	}

	@TearDown(Level.Trial)
	public void stop() throws InterruptedException {
		this.population.close();
	}

	@Benchmark
	public ThreadInfo[] bareDump() {
		return this.threads.dumpAllThreads(false, false);
	}

	@Benchmark
	public LeakReport leakwatchReport() {
		return this.detector.report();
	}

	@Benchmark
	public String leakwatchText(Output output) {
		String text = this.formatter.format(this.detector.report());
		output.textChars = text.length();
		return text;
	}

	@Benchmark
	public String bootText(Output output) {
		String text = this.boot.textThreadDump();
		output.textChars = text.length();
		return text;
	}

	/** The size of the last text produced, reported by JMH next to the score. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Output {

		public long textChars;

	}

}
