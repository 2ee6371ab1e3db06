package dev.leakwatch.benchmarks.origin;

import java.util.concurrent.TimeUnit;

import dev.leakwatch.benchmarks.CallerCpu;
import dev.leakwatch.core.origin.ThreadOrigins;
import jdk.jfr.EventSettings;
import jdk.jfr.Recording;
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

/**
 * What recording "created by" costs the thread that starts a thread: the JDK writes the
 * {@code jdk.ThreadStart} event, with the starting thread's stack, in that thread
 * ({@code Thread.start}), so this part of the cost is paid where the application starts
 * threads, not on the recorder's threads that {@code CreatedByCost} measures. One
 * operation starts a thread that does nothing and joins it; {@code cpuNanosPerOp} is the
 * starting thread's own CPU per start, which the recorder's and the started threads' work
 * on the other core does not inflate. {@link #recording}: none, a plain JFR recording of
 * {@code jdk.ThreadStart} without its stack (what the event alone costs) or with it (what
 * any recording of where threads start costs), or leakwatch's. The thread is started
 * {@value #FRAMES} frames below the benchmark method, JFR's default stack depth, as from
 * an application's deeper stack (4 frames measured the same, within the noise).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadStartCostBenchmark {

	private static final int FRAMES = 64;

	@Param({ "off", "eventOnly", "eventAndStack", "leakwatch" })
	public String recording;

	private ThreadOrigins origins;

	private Recording plain;

	@Setup(Level.Trial)
	public void start() throws InterruptedException {
		switch (this.recording) {
			case "off" -> {
			}
			case "eventOnly" -> this.plain = plainRecording(false);
			case "eventAndStack" -> this.plain = plainRecording(true);
			case "leakwatch" -> this.origins = CreatedByCost.watching();
			default -> throw new IllegalArgumentException("Unknown recording '" + this.recording + "'");
		}
	}

	@TearDown(Level.Trial)
	public void stop() throws InterruptedException {
		if (this.origins != null) {
			this.origins.close();
		}
		if (this.plain != null) {
			this.plain.close();
		}
	}

	private static Recording plainRecording(boolean stack) {
		Recording recording = new Recording();
		EventSettings threadStart = recording.enable("jdk.ThreadStart");
		if (stack) {
			threadStart.withStackTrace();
		}
		else {
			threadStart.withoutStackTrace();
		}
		recording.setToDisk(true);
		recording.start();
		return recording;
	}

	@Benchmark
	public void startAndJoin(CallerCpu cpu) throws InterruptedException {
		cpu.op();
		startAndJoin(FRAMES);
	}

	private static void startAndJoin(int frames) throws InterruptedException {
		if (frames > 0) {
			startAndJoin(frames - 1);
			return;
		}
		Thread thread = new Thread(ThreadStartCostBenchmark::nothing);
		thread.start();
		thread.join();
	}

	private static void nothing() {
	}

}
