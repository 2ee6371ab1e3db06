package dev.leakwatch.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The body of the tasks the executor benchmarks run. {@code noop} measures the executor
 * alone; {@code 1us} is a small but real task, {@link Blackhole#consumeCPU} for about a
 * microsecond. The token count is a constant, not calibrated per fork, so that every
 * contender runs exactly the same work; {@link #oneMicrosecond()} measures what it costs
 * on the machine at hand, and the results table prints it next to the task results.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Work {

	/**
	 * About 1 µs of {@link Blackhole#consumeCPU} on a 2020s x86 core (measured by
	 * {@link #oneMicrosecond()}).
	 */
	static final long ONE_MICROSECOND_TOKENS = 520;

	static final String NOOP = "noop";

	static final String ONE_MICROSECOND = "1us";

	static long tokens(String task) {
		return switch (task) {
			case NOOP -> 0;
			case ONE_MICROSECOND -> ONE_MICROSECOND_TOKENS;
			default -> throw new IllegalArgumentException("Unknown task " + task);
		};
	}

	static void run(long tokens) {
		if (tokens != 0) {
			Blackhole.consumeCPU(tokens);
		}
	}

	@Benchmark
	public void oneMicrosecond() {
		Blackhole.consumeCPU(ONE_MICROSECOND_TOKENS);
	}

}
