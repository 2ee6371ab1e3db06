package dev.leakwatch.autoconfigure.untracked;

import java.time.Duration;
import java.util.ArrayList;
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
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
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
 * Leaks where no bean owns the threads, with only the starter and no leakwatch property
 * but the timings: a {@code Mono.block()} that never returns on Reactor's bounded-elastic
 * scheduler (on platform or virtual threads), virtual threads parked forever (read by
 * default on Java 21+), each found by the background sampler and told once by an
 * application event.
 */
@SpringBootTest(properties = { "leakwatch.stuck-threshold=1s", "leakwatch.sample-interval=200ms",
		"leakwatch.growth-window=2s", "leakwatch.thread-growth.min-increase=20" })
class UntrackedLeaksIntegrationTests {

	@Autowired
	private LeakDetector detector;

	@Autowired
	private Events events;

	private final CountDownLatch release = new CountDownLatch(1);

	private final Sinks.One<String> reply = Sinks.one();

	private final List<Scheduler> schedulers = new ArrayList<>();

	@AfterEach
	void release() {
		this.release.countDown();
		this.reply.tryEmitValue("released");
		this.schedulers.forEach(Scheduler::dispose);
	}

	@Test
	void monoBlockThatNeverReturnsOnBoundedElasticIsStuckAndToldOnce() {
		// Schedulers.boundedElastic() is one per JVM, on virtual threads once any context
		// turned Boot's on: a
		// scheduler of the same kind of our own keeps this test apart from the ones
		// before it
		Scheduler boundedElastic = Schedulers.newBoundedElastic(4, 100, "boundedElastic");
		this.schedulers.add(boundedElastic);
		assertStuckAndToldOnce(boundedElastic, "boundedElastic-#");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void monoBlockThatNeverReturnsOnBoundedElasticOnVirtualThreadsIsStuckAndToldOnce() throws Exception {
		// what Schedulers.boundedElastic() is with spring.threads.virtual.enabled=true
		Scheduler boundedElastic = new Schedulers.Factory() {
		}.newThreadPerTaskBoundedElastic(4, 100, VirtualThreadStarter.virtualFactory("loomBoundedElastic-"));
		boundedElastic.init();
		this.schedulers.add(boundedElastic);
		assertStuckAndToldOnce(boundedElastic, "virtual:loomBoundedElastic-#");
	}

	private void assertStuckAndToldOnce(Scheduler scheduler, String source) {
		// nobody emits until the test is over
		scheduler.schedule(() -> this.reply.asMono().block(Duration.ofMinutes(10)));
		Suspect stuck = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(this.detector.latest().suspects(), SuspectKind.STUCK_TASK, source),
					(found) -> found != null);
		assertThat(stuck.stack()).anyMatch((frame) -> frame.contains("BlockingSingleSubscriber.blockingGet"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.events.told.stream()
				.anyMatch((event) -> event.appeared() && source.equals(event.getSuspect().source())));
		// later samples see it again without telling anyone again
		waitSamples(5);
		assertThat(this.events.told.stream().filter((event) -> source.equals(event.getSuspect().source())).count())
			.isEqualTo(1);
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
