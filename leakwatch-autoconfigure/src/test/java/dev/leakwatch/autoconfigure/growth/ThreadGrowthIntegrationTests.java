package dev.leakwatch.autoconfigure.growth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.Sample;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leaks outside beans, found by growth within one growth window: a raw thread per call
 * parked forever, an executor per call never shut down. Short-lived threads and a pool
 * growing to its core size are not leaks.
 */
@SpringBootTest(properties = { "leakwatch.stuck-threshold=1s", "leakwatch.sample-interval=200ms",
		"leakwatch.growth-window=10s", "leakwatch.thread-growth.min-increase=20" })
class ThreadGrowthIntegrationTests {

	@Autowired
	private LeakDetector detector;

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<ExecutorService> leakedExecutors = new ArrayList<>();

	@AfterEach
	void release() {
		this.release.countDown();
		this.leakedExecutors.forEach(ExecutorService::shutdownNow);
	}

	@Test
	void rawThreadPerCallIsThreadGrowth() {
		awaitBaselineSample();
		for (int i = 0; i < 25; i++) {
			Thread listener = new Thread(this::awaitRelease, "order-listener-" + i);
			listener.setDaemon(true);
			listener.start();
		}
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Suspect growth = suspect(this.detector.report(), SuspectKind.THREAD_GROWTH, "order-listener-#");
			assertThat(growth.count()).isEqualTo(25);
			assertThat(growth.state()).isEqualTo(Thread.State.WAITING);
			assertThat(growth.stack()).anyMatch((frame) -> frame.contains("CountDownLatch.await"));
			assertThat(growth.note()).contains("grew from 0 to 25");
		});
	}

	@Test
	void executorPerCallIsExecutorGrowth() throws Exception {
		awaitBaselineSample();
		for (int i = 0; i < 22; i++) {
			ExecutorService perCall = Executors.newFixedThreadPool(1); // the leak: never
																		// shut down
			this.leakedExecutors.add(perCall);
			perCall.submit(() -> "done").get(10, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Suspect growth = suspect(this.detector.report(), SuspectKind.EXECUTOR_GROWTH, "pool-#-thread-#");
			assertThat(growth.count()).isGreaterThanOrEqualTo(22);
			assertThat(growth.stack()).anyMatch((frame) -> frame.contains("ThreadPoolExecutor.getTask"));
			assertThat(growth.note()).contains("created and never shut down");
		});
	}

	@Test
	void shortLivedThreadsAndAPoolGrowingToCoreSizeAreNoSuspect() throws Exception {
		awaitBaselineSample();
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor batch = new ThreadPoolExecutor(30, 30, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> new Thread(task, "batch-" + count.incrementAndGet()));
		this.leakedExecutors.add(batch);
		batch.prestartAllCoreThreads();
		for (int i = 0; i < 200; i++) {
			Thread worker = new Thread(() -> {
			}, "short-job-" + i);
			worker.start();
			worker.join();
		}
		Sample before = this.detector.latest();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.detector.latest() != before);
		for (int i = 0; i < 10; i++) {
			assertThat(this.detector.report().suspects())
				.noneMatch((suspect) -> suspect.kind() == SuspectKind.THREAD_GROWTH
						|| suspect.kind() == SuspectKind.EXECUTOR_GROWTH);
			Thread.sleep(200);
		}
	}

	private void awaitBaselineSample() {
		// growth is seen against earlier samples: let the sampler see the counts before
		// the leak
		Sample before = this.detector.latest();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.detector.latest() != before);
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Suspect suspect(LeakReport report, SuspectKind kind, String source) {
		return report.suspects()
			.stream()
			.filter((suspect) -> suspect.kind() == kind && source.equals(suspect.source()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + source + " in " + report.suspects()));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class GrowthApplication {

	}

}
