package dev.leakwatch.autoconfigure.scheduling;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.leakwatch.autoconfigure.executor.TrackedExecutorBean;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Scheduled} on virtual threads ({@code spring.threads.virtual.enabled}): Boot's
 * scheduler runs each job on a virtual thread of its own, and a hung job is still found,
 * by the same rule, with its stack.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(properties = { "spring.threads.virtual.enabled=true", "leakwatch.virtual-threads=true",
		"leakwatch.stuck-threshold=1s", "leakwatch.sample-interval=200ms" })
class VirtualThreadSchedulingTests {

	@Autowired
	private LeakDetector detector;

	@Autowired
	private TaskScheduler taskScheduler;

	@Autowired
	private Exports exports;

	@AfterEach
	void release() {
		this.exports.release.countDown();
	}

	@Test
	void hungScheduledJobOnAVirtualThreadIsStuck() {
		assertThat(this.taskScheduler).isInstanceOf(SimpleAsyncTaskScheduler.class)
			.isInstanceOf(TrackedExecutorBean.class);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Suspect stuck = this.detector.report()
				.suspects()
				.stream()
				.filter((suspect) -> suspect.kind() == SuspectKind.SCHEDULED_STUCK)
				.findFirst()
				.orElseThrow(() -> new AssertionError("no SCHEDULED_STUCK in " + this.detector.report().suspects()));
			assertThat(stuck.source()).isEqualTo("Exports.nightly");
			assertThat(stuck.stack()).anyMatch((frame) -> frame.contains("CountDownLatch.await"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableScheduling
	static class VirtualSchedulingApplication {

		@Bean
		Exports exports() {
			return new Exports();
		}

	}

	static class Exports {

		final CountDownLatch release = new CountDownLatch(1);

		@Scheduled(fixedDelay = 60_000)
		void nightly() throws InterruptedException {
			this.release.await(); // a latch nobody counts down
		}

	}

}
