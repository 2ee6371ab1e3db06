package dev.leakwatch.autoconfigure.scheduling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.Sample;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Scheduled} jobs on Boot's default one-thread scheduler: a job that hangs is
 * SCHEDULED_STUCK and starves the others (SCHEDULER_STARVED, missed runs counted); a
 * ticker scheduled per call and never cancelled is PERIODIC_TASK_GROWTH.
 */
@SpringBootTest(properties = { "leakwatch.stuck-threshold=1s", "leakwatch.sample-interval=200ms",
		"leakwatch.growth-window=10s", "leakwatch.periodic-growth.min-increase=20" })
class ScheduledJobLeaksIntegrationTests {

	@Autowired
	private Jobs jobs;

	@Autowired
	private LeakDetector detector;

	@Autowired
	private TaskTracker tracker;

	@Autowired
	private TaskScheduler taskScheduler;

	private final List<ScheduledFuture<?>> tickers = new ArrayList<>();

	@AfterEach
	void release() {
		this.jobs.release();
		this.tickers.forEach((ticker) -> ticker.cancel(false));
	}

	@Test
	void hungJobIsStuckAndStarvesTheOthers() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.jobs.ticks.get() >= 3);
		assertThat(kinds(this.detector.report())).isEmpty();

		this.jobs.hang();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(kinds(this.detector.report()))
				.containsExactlyInAnyOrder("SCHEDULED_STUCK Jobs.export", "SCHEDULER_STARVED taskScheduler"));
		LeakReport report = this.detector.report();
		Suspect stuck = suspect(report, SuspectKind.SCHEDULED_STUCK);
		assertThat(stuck.task()).isEqualTo("Jobs.export");
		assertThat(stuck.stack()).anyMatch((frame) -> frame.contains("CountDownLatch.await"));
		Suspect starved = suspect(report, SuspectKind.SCHEDULER_STARVED);
		assertThat(starved.note()).contains("Jobs.tick").contains("held by Jobs.export");
		assertThat(starved.task()).isEqualTo("Jobs.export");
		assertThat(report.sources())
			.anyMatch((source) -> source.source().equals("taskScheduler") && source.stuck() == 1);
		assertThat(report.sources()).anyMatch((source) -> source.source().equals("Jobs.tick")
				&& source.kind().equals("scheduled") && source.periodic() == 1);

		this.jobs.release();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(kinds(this.detector.report())).isEmpty());
		// counted when the starved job finally starts, and when the hung run ends
		assertThat(this.tracker.source("Jobs.tick", TaskKind.SCHEDULED).missed()).isPositive();
		assertThat(this.tracker.source("Jobs.export", TaskKind.SCHEDULED).overruns()).isPositive();
	}

	@Test
	void tickerScheduledPerCallAndNeverCancelledGrows() {
		// growth is seen against earlier samples: let the sampler see the count before
		// the leak
		Sample before = this.detector.latest();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.detector.latest() != before);
		for (int i = 0; i < 25; i++) {
			this.tickers.add(startTicker());
		}
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Suspect growth = suspect(this.detector.report(), SuspectKind.PERIODIC_TASK_GROWTH);
			assertThat(growth.source()).isEqualTo("taskScheduler");
			assertThat(growth.count()).isGreaterThanOrEqualTo(25);
			assertThat(growth.submittedFrom().get(0)).contains("ScheduledJobLeaksIntegrationTests.startTicker");
		});
		this.tickers.forEach((ticker) -> ticker.cancel(false));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(kinds(this.detector.report()))
				.doesNotContain("PERIODIC_TASK_GROWTH taskScheduler"));
	}

	/**
	 * The leak: a refresher started for each call and never stopped (Go's Ticker never
	 * stopped).
	 */
	private ScheduledFuture<?> startTicker() {
		return this.taskScheduler.scheduleAtFixedRate(() -> {
		}, Duration.ofMillis(500));
	}

	private static List<String> kinds(LeakReport report) {
		return report.suspects().stream().map((suspect) -> suspect.kind() + " " + suspect.source()).toList();
	}

	private static Suspect suspect(LeakReport report, SuspectKind kind) {
		return report.suspects()
			.stream()
			.filter((suspect) -> suspect.kind() == kind)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " in " + report.suspects()));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableScheduling
	static class ScheduledApplication {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

	static class Jobs {

		private volatile CountDownLatch release = new CountDownLatch(0);

		final AtomicInteger ticks = new AtomicInteger();

		void hang() {
			this.release = new CountDownLatch(1);
		}

		void release() {
			this.release.countDown();
		}

		@Scheduled(fixedRate = 100)
		void tick() {
			this.ticks.incrementAndGet();
		}

		@Scheduled(fixedRate = 300)
		void export() throws InterruptedException {
			this.release.await(); // once hung: a latch nobody counts down
		}

	}

}
