package dev.leakwatch.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 * Issue 13's pool throughput goals, per task and without a thread hand-off per task: the
 * time one task takes through a 1-thread {@link ThreadPoolExecutor}, everything the pool
 * and a decorator do for it on both sides ({@code execute}, the queue's offer and take,
 * the hooks, the run), for the raw pool, leakwatch's bean and Micrometer's decorator.
 * <p>
 * Each invocation holds the worker on a gate, submits {@link #TASKS} tasks into the
 * queue, opens the gate and waits for the last task: the submitting thread and the worker
 * run one after the other, each on a warm core and without contending for the queue, so
 * the time per task is the CPU a core spends on it, and its inverse the throughput a pool
 * bound by its CPU sustains. The two wake-ups per invocation (the worker's, then the
 * benchmark thread's) are the same for every contender and under 1% of an invocation. A
 * concurrent pipeline ({@link TaskThroughputBenchmark}) adds what two cores contending
 * for one queue and waking each other cost, which on this machine moves every contender
 * by up to 2x from one minute to the next.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PoolTaskCostBenchmark.TASKS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolTaskCostBenchmark {

	/** Tasks per invocation: milliseconds of work, so that the two wake-ups are noise. */
	static final int TASKS = 1 << 17;

	@Param({ Contenders.RAW, Contenders.LEAKWATCH, Contenders.MICROMETER })
	public String executor;

	@Param({ Work.NOOP, Work.ONE_MICROSECOND })
	public String task;

	private ThreadPoolExecutor pool;

	private ExecutorService service;

	private Runnable work;

	private WorkerGate gate;

	private CountDownLatch done;

	@Setup(Level.Trial)
	public void start() {
		ThreadPoolExecutor pool = Contenders.fixedPool(1, "bench-worker");
		this.service = Contenders.wrap(this.executor, pool);
		this.pool = Contenders.drive(this.service, pool);
		long tokens = Work.tokens(this.task);
		this.work = () -> Work.run(tokens);
	}

	/** Parks the worker on a gate before the invocation submits. */
	@Setup(Level.Invocation)
	public void holdWorker() throws InterruptedException {
		this.gate = WorkerGate.hold(this.service, 1);
		this.done = new CountDownLatch(1);
	}

	@Benchmark
	public void submitThenRun() throws InterruptedException {
		ExecutorService service = this.service;
		Runnable work = this.work;
		for (int i = 1; i < TASKS; i++) {
			service.execute(work);
		}
		service.execute(this.done::countDown);
		this.gate.open();
		this.done.await();
	}

	@TearDown(Level.Trial)
	public void stop() {
		Contenders.stop(this.pool);
	}

}
