package dev.leakwatch.test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry: a thread that is finishing is waited for, not blamed, and the wait ends as
 * soon as it has ended; a thread that cannot end by itself is reported once it has stayed
 * in its wait for a moment, at the latest after the settle, one that may still end only
 * after the deadline.
 */
class LeakCheckTests {

	private static final Duration SETTLE = Duration.ofMillis(200);

	private static final Duration LONG = Duration.ofSeconds(20);

	@Test
	void aFinishingThreadIsWaitedForAndTheCheckReturnsSoonAfterItEnds() throws InterruptedException {
		Baseline baseline = Baseline.take();
		Thread finishing = daemon("finishing-1", () -> sleep(Duration.ofMillis(200)));
		LeakCheckOptions options = NoLeakedThreadsExtension.builder().maxWait(LONG).options();

		long start = System.nanoTime();
		assertThat(LeakCheck.leakedThreads(baseline, options).leaked()).isEmpty();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(finishing.isAlive()).isFalse();
		assertThat(took).as("at most one 100 ms pause after the thread ended, on a busy machine")
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aThreadInAnUntimedWaitIsReportedAfterTheSettleNotTheDeadline() throws InterruptedException {
		Baseline baseline = Baseline.take();
		CountDownLatch release = new CountDownLatch(1);
		Thread parked = daemon("parked-1", () -> await(release));
		try {
			LeakCheckOptions options = NoLeakedThreadsExtension.builder().settle(SETTLE).maxWait(LONG).options();

			long start = System.nanoTime();
			LeakCheck.Outcome outcome = LeakCheck.leakedThreads(baseline, options);
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(outcome.leaked()).singleElement()
				.satisfies((leaked) -> assertThat(leaked.stack().name()).isEqualTo("parked-1"));
			assertThat(outcome.waited()).isEqualTo(SETTLE);
			assertThat(took).isGreaterThanOrEqualTo(SETTLE).isLessThan(Duration.ofSeconds(10));
		}
		finally {
			release.countDown();
			parked.join();
		}
	}

	@Test
	void aThreadParkedForGoodIsReportedOnceItHasStayedParkedWithoutWaitingForTheWholeSettle()
			throws InterruptedException {
		Baseline baseline = Baseline.take();
		CountDownLatch release = new CountDownLatch(1);
		Thread parked = daemon("parked-2", () -> await(release));
		try {
			Duration settle = Duration.ofSeconds(8);
			LeakCheckOptions options = NoLeakedThreadsExtension.builder().settle(settle).maxWait(LONG).options();

			LeakCheck.Outcome outcome = LeakCheck.leakedThreads(baseline, options);

			assertThat(outcome.stuck()).isTrue();
			assertThat(outcome.leaked()).singleElement()
				.satisfies((leaked) -> assertThat(leaked.stack().name()).isEqualTo("parked-2"));
			assertThat(outcome.waited()).isGreaterThanOrEqualTo(LeakCheck.QUIET).isLessThan(settle);
		}
		finally {
			release.countDown();
			parked.join();
		}
	}

	@Test
	void aThreadThatParksForGoodAfterWorkingAWhileIsToldStuckWhereTheCallerWouldDeferThreadsThatMayEnd()
			throws InterruptedException {
		Baseline baseline = Baseline.take();
		CountDownLatch release = new CountDownLatch(1);
		Thread parked = daemon("parked-3", () -> {
			long until = System.nanoTime() + LeakCheck.QUIET.toNanos() / 4;
			while (System.nanoTime() - until < 0) {
				Thread.onSpinWait();
			}
			await(release);
		});
		try {
			LeakCheckOptions options = NoLeakedThreadsExtension.builder().maxWait(LONG).options();

			LeakCheck.Outcome outcome = LeakCheck.leakedThreads(baseline, options, LeakCheck.QUIET);

			assertThat(outcome.stuck()).as("stuck, so reported now rather than left to the class's end").isTrue();
			assertThat(outcome.leaked()).singleElement()
				.satisfies((leaked) -> assertThat(leaked.stack().name()).isEqualTo("parked-3"));
		}
		finally {
			release.countDown();
			parked.join();
		}
	}

	@Test
	void aWaitingThreadThatAnOlderThreadKeepsWakingGetsTheWholeSettleAndIsNotBlamedWhenItEnds() throws Exception {
		Object monitor = new Object();
		AtomicInteger wakes = new AtomicInteger();
		CountDownLatch olderStarted = new CountDownLatch(1);
		CountDownLatch waiterStarted = new CountDownLatch(1);
		Thread older = daemon("older-waker-1", () -> {
			olderStarted.countDown();
			await(waiterStarted);
			for (int i = 0; i < 12; i++) {
				sleep(LeakCheck.QUIET.dividedBy(2));
				synchronized (monitor) {
					wakes.incrementAndGet();
					monitor.notifyAll();
				}
			}
		});
		olderStarted.await();
		Baseline baseline = Baseline.take();
		Thread waiting = daemon("woken-1", () -> {
			synchronized (monitor) {
				waiterStarted.countDown();
				while (wakes.get() < 12) {
					try {
						monitor.wait();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		});
		LeakCheckOptions options = NoLeakedThreadsExtension.builder().settle(LONG).maxWait(LONG).options();

		assertThat(LeakCheck.leakedThreads(baseline, options).leaked())
			.as("woken every %s, so not stuck", LeakCheck.QUIET.dividedBy(2))
			.isEmpty();
		assertThat(waiting.isAlive()).isFalse();
		older.join();
	}

	@Test
	void aThreadInATimedWaitGetsPastTheSettleAndIsNotBlamedWhenItEnds() throws InterruptedException {
		Baseline baseline = Baseline.take();
		Thread sleeping = daemon("sleeping-1", () -> sleep(Duration.ofMillis(1500)));
		LeakCheckOptions options = NoLeakedThreadsExtension.builder().settle(SETTLE).maxWait(LONG).options();

		assertThat(LeakCheck.leakedThreads(baseline, options).leaked()).isEmpty();
		assertThat(sleeping.isAlive()).isFalse();
	}

	@Test
	void aWaitingThreadThatASleepingOneWillWakeIsNotBlamed() throws InterruptedException {
		Baseline baseline = Baseline.take();
		CountDownLatch release = new CountDownLatch(1);
		Thread waiting = daemon("waiting-1", () -> await(release));
		Thread waker = daemon("waker-1", () -> {
			sleep(Duration.ofMillis(1000));
			release.countDown();
		});
		LeakCheckOptions options = NoLeakedThreadsExtension.builder().settle(SETTLE).maxWait(LONG).options();

		assertThat(LeakCheck.leakedThreads(baseline, options).leaked()).isEmpty();
		assertThat(waiting.isAlive()).isFalse();
		assertThat(waker.isAlive()).isFalse();
	}

	@Test
	void aThreadThatStaysInATimedWaitIsReportedAfterTheDeadline() throws InterruptedException {
		Baseline baseline = Baseline.take();
		CountDownLatch release = new CountDownLatch(1);
		Thread polling = daemon("polling-1", () -> {
			while (release.getCount() > 0) {
				sleep(Duration.ofMillis(10));
			}
		});
		try {
			Duration maxWait = Duration.ofMillis(600);
			LeakCheckOptions options = NoLeakedThreadsExtension.builder().settle(SETTLE).maxWait(maxWait).options();

			long start = System.nanoTime();
			LeakCheck.Outcome outcome = LeakCheck.leakedThreads(baseline, options);

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(maxWait);
			assertThat(outcome.leaked()).singleElement()
				.satisfies((leaked) -> assertThat(leaked.stack().name()).isEqualTo("polling-1"));
			assertThat(outcome.waited()).isEqualTo(maxWait);
		}
		finally {
			release.countDown();
			polling.join();
		}
	}

	@Test
	void durationsReadAsPeopleWriteThem() {
		assertThat(LeakMessage.duration(Duration.ofMillis(300))).isEqualTo("300ms");
		assertThat(LeakMessage.duration(Duration.ofSeconds(2))).isEqualTo("2s");
		assertThat(LeakMessage.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(LeakMessage.duration(Duration.ofMillis(1234))).isEqualTo("1234ms");
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
