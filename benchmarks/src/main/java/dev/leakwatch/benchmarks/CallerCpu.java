package dev.leakwatch.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmark thread's own CPU time per operation over each iteration
 * ({@code cpuNanosPerOp}), reported next to the wall-clock score: on a machine other
 * processes load, the time this thread waits for a core counts in the score but not here.
 * Each operation counts itself ({@link #op()}: one field increment, the same for every
 * contender).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CallerCpu {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** The thread's CPU time per operation in the last iteration, in nanoseconds. */
	public double cpuNanosPerOp;

	private long ops;

	private long cpuAtStart;

	@Setup(Level.Iteration)
	public void start() {
		this.ops = 0;
		this.cpuAtStart = THREADS.getCurrentThreadCpuTime();
	}

	@TearDown(Level.Iteration)
	public void stop() {
		long cpu = THREADS.getCurrentThreadCpuTime() - this.cpuAtStart;
		this.cpuNanosPerOp = (this.ops > 0) ? cpu / (double) this.ops : 0;
	}

	public void op() {
		this.ops++;
	}

}
