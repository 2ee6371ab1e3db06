package dev.leakwatch.test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry: a thread that is finishing is waited for, not blamed, and the wait ends as soon as it has ended. */
class LeakCheckTests {

	@Test
	void aFinishingThreadIsWaitedForAndTheCheckReturnsSoonAfterItEnds() throws InterruptedException {
		Baseline baseline = Baseline.take();
		Thread finishing = new Thread(() -> sleep(Duration.ofMillis(200)), "finishing-1");
		finishing.setDaemon(true);
		finishing.start();
		LeakCheckOptions options = NoLeakedThreadsExtension.builder().maxWait(Duration.ofSeconds(20)).options();

		long start = System.nanoTime();
		assertThat(LeakCheck.leakedThreads(baseline, options)).isEmpty();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(finishing.isAlive()).isFalse();
		assertThat(took).as("at most one 100 ms pause after the thread ended, on a busy machine")
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aThreadStillAliveAfterTheWaitIsReported() throws InterruptedException {
		Baseline baseline = Baseline.take();
		CountDownLatch release = new CountDownLatch(1);
		Thread parked = new Thread(() -> await(release), "parked-1");
		parked.setDaemon(true);
		parked.start();
		try {
			LeakCheckOptions options = NoLeakedThreadsExtension.builder().maxWait(Duration.ofMillis(50)).options();

			assertThat(LeakCheck.leakedThreads(baseline, options))
				.singleElement()
				.satisfies((leaked) -> assertThat(leaked.stack().name()).isEqualTo("parked-1"));
		}
		finally {
			release.countDown();
			parked.join();
		}
	}

	@Test
	void durationsReadAsPeopleWriteThem() {
		assertThat(LeakMessage.duration(Duration.ofMillis(300))).isEqualTo("300ms");
		assertThat(LeakMessage.duration(Duration.ofSeconds(2))).isEqualTo("2s");
		assertThat(LeakMessage.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(LeakMessage.duration(Duration.ofMillis(1234))).isEqualTo("1234ms");
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
