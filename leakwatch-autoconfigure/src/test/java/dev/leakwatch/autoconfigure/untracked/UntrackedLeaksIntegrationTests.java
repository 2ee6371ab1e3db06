package dev.leakwatch.autoconfigure.untracked;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.leakwatch.autoconfigure.VirtualThreadStarter;
import dev.leakwatch.autoconfigure.event.LeakSuspectEvent;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leaks where no bean owns the threads, with only the starter and no leakwatch property but the timings: a
 * {@code Mono.block()} that never returns on Reactor's bounded-elastic scheduler, virtual threads parked forever
 * (read by default on Java 21+), each found by the background sampler and told once by an application event.
 */
@SpringBootTest(properties = { "leakwatch.stuck-threshold=1s", "leakwatch.sample-interval=200ms",
		"leakwatch.growth-window=2s", "leakwatch.thread-growth.min-increase=20" })
class UntrackedLeaksIntegrationTests {

	@Autowired
	private LeakDetector detector;

	@Autowired
	private Events events;

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void release() {
		this.release.countDown();
	}

	@Test
	void monoBlockThatNeverReturnsOnBoundedElasticIsStuckAndToldOnce() {
		Mono<String> never = Mono.never();
		Schedulers.boundedElastic().schedule(() -> never.block(Duration.ofMinutes(10)));
		Suspect stuck = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(this.detector.latest().suspects(), SuspectKind.STUCK_TASK, "boundedElastic-#"),
					(found) -> found != null);
		assertThat(stuck.stack()).anyMatch((frame) -> frame.contains("BlockingSingleSubscriber.blockingGet"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.events.told.stream()
				.anyMatch((event) -> event.appeared() && "boundedElastic-#".equals(event.getSuspect().source())));
		// later samples see it again without telling anyone again
		waitSamples(5);
		assertThat(this.events.told.stream()
			.filter((event) -> "boundedElastic-#".equals(event.getSuspect().source()))
			.count()).isEqualTo(1);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsParkedForeverAreFoundWithNoPropertySet() throws Exception {
		waitSamples(1);
		for (int i = 0; i < 25; i++) {
			VirtualThreadStarter.startVirtual("parked-" + i, this::awaitRelease);
		}
		Suspect growth = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(this.detector.latest().suspects(), SuspectKind.THREAD_GROWTH, "virtual:parked-#"),
					(found) -> found != null);
		assertThat(growth.count()).isEqualTo(25);
	}

	private void waitSamples(int samples) {
		for (int i = 0; i < samples; i++) {
			Object before = this.detector.latest();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.detector.latest() != before);
		}
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Suspect find(List<Suspect> suspects, SuspectKind kind, String source) {
		return suspects.stream()
			.filter((suspect) -> suspect.kind() == kind && source.equals(suspect.source()))
			.findFirst()
			.orElse(null);
	}

	static class Events implements ApplicationListener<LeakSuspectEvent> {

		final List<LeakSuspectEvent> told = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(LeakSuspectEvent event) {
			this.told.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Events events() {
			return new Events();
		}

	}

}
