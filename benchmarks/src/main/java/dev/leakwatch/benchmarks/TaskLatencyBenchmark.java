package dev.leakwatch.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
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

/**
 * Goal 2: what a decorator adds to one task's submit-to-completion time, one submitting
 * thread.
 * <ul>
 * <li>{@link #handOff}: {@code execute} on the 2-thread pool, then spin until the task
 * has run. This is the latency a caller sees, dominated by waking an idle worker
 * (microseconds, with jitter of the same order).</li>
 * <li>{@link #callerRunsExecute} and {@link #callerRunsSubmit}: the same decorators over
 * an executor that runs the task on the caller. Everything a decorator does per task
 * (wrapper, counters, clock reads, running-task slot) is on this path, and nothing else
 * is, so the difference to raw is the added latency to the nanosecond. {@code submit}
 * covers the future path ({@code @Async}, {@code invokeAll}).</li>
 * <li>{@link #callerRunsPolicyExecute}: a 1-thread pool with a {@code SynchronousQueue}
 * and the JDK's {@code CallerRunsPolicy}, its thread kept busy, so every {@code execute}
 * is rejected and runs in the caller: the pool's own rejection path, and the tracking of
 * a pool that holds its tasks as given.</li>
 * </ul>
 * The caller-runs cases also report the benchmark thread's CPU time per operation
 * ({@link CallerCpu}), which other processes on the machine do not inflate as they do the
 * wall-clock score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TaskLatencyBenchmark {

	@Param({ Contenders.RAW, Contenders.LEAKWATCH, Contenders.MICROMETER })
	public String executor;

	private ThreadPoolExecutor pool;

	private ExecutorService pooled;

	private ExecutorService callerRuns;

	private ThreadPoolExecutor saturated;

	private ExecutorService saturatedService;

	private final CountDownLatch release = new CountDownLatch(1);

	private final Flag flag = new Flag();

	private final Runnable noop = () -> {
	};

	@Setup(Level.Trial)
	public void start() {
		ThreadPoolExecutor pool = Contenders.fixedPool(2, "bench-worker");
		this.pooled = Contenders.wrap(this.executor, pool);
		this.pool = Contenders.drive(this.pooled, pool);
		this.callerRuns = Contenders.wrap(this.executor, new CallerRunsExecutor());
		ThreadPoolExecutor saturated = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
				Contenders.named("bench-saturated"), new ThreadPoolExecutor.CallerRunsPolicy());
		ExecutorService wrapped = Contenders.wrap(this.executor, saturated);
		this.saturated = (wrapped instanceof ThreadPoolExecutor bean) ? bean : saturated;
		wrapped.execute(this::awaitRelease); // its one thread busy: every later task runs
												// in the caller
		this.saturatedService = wrapped;
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.release.countDown();
		Contenders.stop(this.saturated);
		Contenders.stop(this.pool);
	}

	@Benchmark
	public void handOff() {
		Flag flag = this.flag;
		flag.done = false;
		this.pooled.execute(flag);
		while (!flag.done) {
			Thread.onSpinWait();
		}
	}

	@Benchmark
	public void callerRunsExecute(CallerCpu cpu) {
		cpu.op();
		this.callerRuns.execute(this.noop);
	}

	@Benchmark
	public void callerRunsPolicyExecute(CallerCpu cpu) {
		cpu.op();
		this.saturatedService.execute(this.noop);
	}

	@Benchmark
	public Future<?> callerRunsSubmit(CallerCpu cpu) {
		cpu.op();
		return this.callerRuns.submit(this.noop);
	}

	/**
	 * A task that says it has run; the submitter spins on it rather than parking, to add
	 * no wake-up of its own.
	 */
	static final class Flag implements Runnable {

		volatile boolean done;

		@Override
		public void run() {
			this.done = true;
		}

	}

}
