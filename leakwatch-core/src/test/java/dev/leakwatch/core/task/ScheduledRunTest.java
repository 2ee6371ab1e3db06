package dev.leakwatch.core.task;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Periodic tasks are known until cancelled, and their runs are timed against their
 * schedule.
 */
class ScheduledRunTest {

	private final TaskTracker tracker = new TaskTracker(false);

	private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);

	private final TrackingScheduledExecutorService scheduler = new TrackingScheduledExecutorService(this.pool,
			this.tracker.source("timer", TaskKind.SCHEDULER));

	@AfterEach
	void shutDown() {
		this.pool.shutdownNow();
	}

	@Test
	void periodicTaskIsKnownUntilCancelledWithItsCallSite() {
		ScheduledFuture<?> ticker = this.scheduler.scheduleAtFixedRate(() -> {
		}, 0, 10, TimeUnit.MILLISECONDS);
		// periodic tasks always record where they were scheduled (frames of this package
		// count as plumbing)
		assertThat(this.tracker.scheduled()).singleElement().satisfies((task) -> {
			assertThat(task.source().name()).isEqualTo("timer");
			assertThat(task.submitSite()).isNotEmpty();
		});
		ticker.cancel(false);
		assertThat(this.tracker.scheduled()).isEmpty();
		this.scheduler.schedule(() -> {
		}, 1, TimeUnit.HOURS);
		assertThat(this.tracker.scheduled()).as("one-shot tasks are not periodic").isEmpty();
	}

	@Test
	void runLongerThanItsPeriodIsAnOverrunAndTheRunsItDelayedAreMissed() throws InterruptedException {
		TaskSource source = this.tracker.source("timer", TaskKind.SCHEDULER);
		CountDownLatch slowRunDone = new CountDownLatch(1);
		long start = System.nanoTime();
		ScheduledFuture<?> slow = this.scheduler.scheduleWithFixedDelay(() -> {
			sleep(150);
			slowRunDone.countDown();
		}, 0, 1, TimeUnit.HOURS);
		ScheduledFuture<?> fast = this.scheduler.scheduleAtFixedRate(() -> {
		}, 0, 20, TimeUnit.MILLISECONDS);
		assertThat(slowRunDone.await(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> source.missed() > 0);
		slow.cancel(false);
		fast.cancel(false);
		// the one-hour fixed delay never overran; the 20 ms rate owed about 7 runs behind
		// the 150 ms one, each late
		// (more where a loaded machine kept the scheduler's thread waiting too), and
		// never more than were due
		assertThat(source.overruns()).isZero();
		long due = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / 20 + 1;
		assertThat(source.missed()).isBetween(3L, due);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
