package dev.leakwatch.core.detect;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import dev.leakwatch.core.origin.OriginSettings;
import dev.leakwatch.core.origin.ThreadOrigins;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.thread.IdleThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Growth suspects with a recorder of thread starts: two call sites make threads of one
 * family, one of them ends its threads; the suspect names exactly the leaking call site,
 * Go's {@code created by}.
 */
class CreatedByGrowthTest {

	private static final DetectorSettings SETTINGS = new DetectorSettings(Duration.ofMillis(400),
			Duration.ofMillis(100), 64, 20, IdleThreads.DEFAULTS, Duration.ofMillis(500), 5, 5, false);

	private final CountDownLatch release = new CountDownLatch(1);

	private final ThreadOrigins origins = new ThreadOrigins(OriginSettings.defaults());

	@AfterEach
	void stop() throws InterruptedException {
		this.release.countDown();
		this.origins.close();
	}

	@Test
	void growthSuspectNamesTheCallSiteThatLeaks() throws Exception {
		this.origins.start();
		assertThat(this.origins.awaitDelivery(Duration.ofSeconds(20))).isTrue();
		LeakDetector detector = new LeakDetector(new TaskTracker(false), SETTINGS);
		detector.setCreatedBy(this.origins::siteOf);
		detector.sample();
		for (int i = 0; i < 6; i++) {
			leakOne(i);
			joinedOne(i);
		}
		assertThat(this.origins.awaitDelivery(Duration.ofSeconds(20))).isTrue();
		Suspect growth = await().atMost(Duration.ofSeconds(20))
			.until(() -> detector.sample()
				.suspects()
				.stream()
				.filter((suspect) -> suspect.kind() == SuspectKind.THREAD_GROWTH
						&& "order-listener-#".equals(suspect.source()))
				.findFirst()
				.orElse(null), Objects::nonNull);
		assertThat(growth.count()).isEqualTo(6);
		List<String> createdBy = growth.createdBy();
		assertThat(createdBy.get(0)).startsWith("created by " + CreatedByGrowthTest.class.getName() + ".leakOne");
		assertThat(createdBy).noneMatch((line) -> line.contains("joinedOne"));
	}

	private void leakOne(int i) {
		Thread thread = new Thread(this::awaitRelease, "order-listener-" + i);
		thread.setDaemon(true);
		thread.start();
	}

	private void joinedOne(int i) throws InterruptedException {
		Thread thread = new Thread(() -> {
		}, "order-listener-" + (100 + i));
		thread.start();
		thread.join();
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
