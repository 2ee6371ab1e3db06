package dev.leakwatch.benchmarks;

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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goal 3: heap held per queued task. Each invocation blocks both workers of a 2-thread
 * pool, submits {@value #TASKS} tasks that therefore all wait in the queue, and reads the
 * live heap after full collections before and after: the difference over the task count
 * is what one in-flight task retains (the raw pool's figure is the queue node; a
 * decorator adds its wrapper and whatever that keeps alive). The figure is the
 * {@code retainedBytesPerTask} counter; the score is the time per submit into a queue,
 * which shows what submit-site capture costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(InFlightHeapBenchmark.TASKS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class InFlightHeapBenchmark {

	static final int TASKS = 10_000;

	@Param({ Contenders.RAW, Contenders.LEAKWATCH, Contenders.LEAKWATCH_CAPTURE, Contenders.MICROMETER })
	public String executor;

	private final Runnable task = () -> {
	};

	private ThreadPoolExecutor pool;

	private ExecutorService service;

	private WorkerGate gate;

	private long usedBefore;

	@Setup(Level.Invocation)
	public void blockWorkers() throws InterruptedException {
		ThreadPoolExecutor pool = Contenders.fixedPool(2, "bench-worker");
		this.service = Contenders.wrap(this.executor, pool);
		this.pool = Contenders.drive(this.service, pool);
		this.gate = WorkerGate.hold(this.pool, 2);
		this.usedBefore = Heap.settledUsed();
	}

	@Benchmark
	public void submit() {
		for (int i = 0; i < TASKS; i++) {
			this.service.execute(this.task);
		}
	}

	@TearDown(Level.Invocation)
	public void measureAndRelease(Retained retained) {
		retained.retainedBytesPerTask = (Heap.settledUsed() - this.usedBefore) / (double) TASKS;
		this.gate.open();
		Contenders.stop(this.pool);
	}

	/** The measured figure, reported by JMH next to the score. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Retained {

		public double retainedBytesPerTask;

	}

}
