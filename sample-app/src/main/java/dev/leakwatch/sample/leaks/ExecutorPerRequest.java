package dev.leakwatch.sample.leaks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.leakwatch.sample.HealthyWork;

import org.springframework.stereotype.Component;

/**
 * A fixed pool of two made to run two tasks and never shut down: its workers wait for
 * work forever, so each executor adds two {@code pool-N-thread-M} threads that live until
 * the JVM ends. Idle pool workers are never a suspect on their own; the growing family is
 * the leak.
 * <p>
 * Fix: one shared executor bean; or, for a truly local pool, {@code shutdown()} in a
 * {@code finally} (try-with-resources from Java 19).
 */
@Component
class ExecutorPerRequest implements Leak {

	static final int THREADS_PER_EXECUTOR = 2;

	private final Held<ExecutorService> executors = new Held<>();

	@Override
	public String name() {
		return "executor";
	}

	/** {@code count} executors, two threads each. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_EXECUTOR);
			for (int task = 0; task < THREADS_PER_EXECUTOR; task++) {
				pool.execute(HealthyWork::buildReport); // each task starts a worker, up
														// to the pool size
			}
			this.executors.add(pool);
		}
	}

	@Override
	public int outstanding() {
		return this.executors.size();
	}

	@Override
	public int release() {
		return this.executors.release(ExecutorService::shutdown);
	}

}
