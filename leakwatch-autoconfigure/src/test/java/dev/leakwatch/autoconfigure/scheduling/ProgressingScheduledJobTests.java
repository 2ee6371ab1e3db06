package dev.leakwatch.autoconfigure.scheduling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @Scheduled} job that runs three times the threshold but keeps computing is
 * never a suspect.
 */
@SpringBootTest(properties = { "leakwatch.stuck-threshold=1s", "leakwatch.sample-interval=200ms" })
class ProgressingScheduledJobTests {

	@Autowired
	private LeakDetector detector;

	@Autowired
	private TaskTracker tracker;

	@Autowired
	private Batch batch;

	@Test
	void longComputingRunIsNoSuspect() throws InterruptedException {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.batch.started.get() >= 1);
		while (this.batch.finished.get() == 0) {
			assertThat(this.detector.report().suspects()).isEmpty();
			Thread.sleep(200);
		}
		assertThat(this.tracker.source("Batch.crunch", TaskKind.SCHEDULED).overruns()).isZero();
		assertThat(this.detector.report().suspects()).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableScheduling
	static class BatchApplication {

		@Bean
		Batch batch() {
			return new Batch();
		}

	}

	static class Batch {

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger finished = new AtomicInteger();

		private long sink;

		@Scheduled(fixedDelay = 60_000)
		void crunch() {
			this.started.incrementAndGet();
			long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < end) {
				this.sink += (this.sink % 2 == 0) ? even() : odd();
			}
			this.finished.incrementAndGet();
		}

		private long even() {
			long sum = 0;
			for (int i = 0; i < 5000; i += 2) {
				sum += Long.hashCode(sum ^ i);
			}
			return sum;
		}

		private long odd() {
			long sum = 1;
			for (int i = 1; i < 5000; i += 2) {
				sum += Long.hashCode(sum * 31 + i);
			}
			return sum;
		}

	}

}
