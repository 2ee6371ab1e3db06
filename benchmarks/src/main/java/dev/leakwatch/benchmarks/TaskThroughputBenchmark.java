package dev.leakwatch.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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

import com.sun.management.OperatingSystemMXBean;

/**
 * Goal 1: tasks per millisecond through a 2-thread {@link ThreadPoolExecutor}, submitted
 * by 1, 2 or 4 producer threads, for the raw pool, leakwatch's decorator and Micrometer's
 * timed decorator.
 * <p>
 * One operation is one {@code execute}. Each producer keeps a bounded window of its tasks
 * in flight ({@link InFlightWindow}). Submitting one task and waiting for it would
 * measure thread wake-ups; submitting batches and waiting for each to finish would add a
 * pipeline drain and refill per batch, a fixed cost that dilutes the very overhead being
 * measured; submitting without bound would measure a growing queue and the GC. With the
 * window, a producer that is ahead sleeps with 2,048 of its tasks still queued, so the
 * workers never run dry on its account, and a producer that is behind never sleeps.
 * Either way the score is the executor's sustained rate, limited by whichever side is
 * slower, with everything a decorator adds on both sides. The window's own cost is one
 * atomic decrement per task and one wake-up per 2,048 tasks, the same for every
 * contender. Each iteration lets the pool run dry before the next starts.
 * <p>
 * On a 2-core machine that other processes share, throughput moves with whatever else
 * runs. So each iteration also reports the process CPU time per task
 * ({@code cpuNanosPerTask}): only time this JVM ran counts, and with the pool CPU-bound,
 * the throughput the cores could sustain is inversely proportional to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TaskThroughputBenchmark {

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	@Param({ Contenders.RAW, Contenders.LEAKWATCH, Contenders.MICROMETER })
	public String executor;

	@Param({ Work.NOOP, Work.ONE_MICROSECOND })
	public String task;

	private final List<Producer> producers = new CopyOnWriteArrayList<>();

	private ThreadPoolExecutor pool;

	private ExecutorService service;

	private long cpuAtStart;

	private long tasksAtStart;

	@Setup(Level.Trial)
	public void start() {
		ThreadPoolExecutor pool = Contenders.fixedPool(2, "bench-worker");
		this.service = Contenders.wrap(this.executor, pool);
		this.pool = Contenders.drive(this.service, pool);
	}

	@Setup(Level.Iteration)
	public void markCpu() {
		this.tasksAtStart = submitted();
		this.cpuAtStart = OS.getProcessCpuTime();
	}

	/**
	 * Lets the tasks still in flight finish, so that one iteration's tail does not run in
	 * the next, then reports the process CPU time the iteration's tasks took, per task.
	 */
	@TearDown(Level.Iteration)
	public void drain() {
		Contenders.awaitIdle(this.pool);
		long cpu = OS.getProcessCpuTime() - this.cpuAtStart;
		long tasks = submitted() - this.tasksAtStart;
		for (int i = 0; i < this.producers.size(); i++) {
			// JMH adds the producers' counters up: one carries the figure
			this.producers.get(i).cpuNanosPerTask = (i == 0 && tasks > 0) ? cpu / (double) tasks : 0;
		}
	}

	private long submitted() {
		long submitted = 0;
		for (Producer producer : this.producers) {
			submitted += producer.submitted;
		}
		return submitted;
	}

	@TearDown(Level.Trial)
	public void stop() {
		Contenders.stop(this.pool);
	}

	/**
	 * One producer thread's window, made by the thread that uses it (the one it wakes),
	 * and the CPU figure JMH reports next to the score.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Producer {

		/**
		 * Process CPU time per task in the last iteration, all threads: submit, hand-off,
		 * run, GC.
		 */
		public double cpuNanosPerTask;

		InFlightWindow window;

		long submitted;

		@Setup(Level.Trial)
		public void start(TaskThroughputBenchmark benchmark) {
			this.window = new InFlightWindow(Work.tokens(benchmark.task));
			benchmark.producers.add(this);
		}

		void submitTo(ExecutorService service) {
			this.window.submitTo(service);
			this.submitted++;
		}

	}

	@Benchmark
	@Threads(1)
	public void producers1(Producer producer) {
		producer.submitTo(this.service);
	}

	@Benchmark
	@Threads(2)
	public void producers2(Producer producer) {
		producer.submitTo(this.service);
	}

	@Benchmark
	@Threads(4)
	public void producers4(Producer producer) {
		producer.submitTo(this.service);
	}

}
