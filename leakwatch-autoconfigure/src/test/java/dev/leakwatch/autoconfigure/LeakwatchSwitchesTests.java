package dev.leakwatch.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.autoconfigure.endpoint.LeaksEndpoint;
import dev.leakwatch.autoconfigure.endpoint.LeaksEndpointAutoConfiguration;
import dev.leakwatch.autoconfigure.executor.AsyncTaskLabelPostProcessor;
import dev.leakwatch.autoconfigure.executor.ExecutorTrackingPostProcessor;
import dev.leakwatch.autoconfigure.executor.TrackedExecutorBean;
import dev.leakwatch.autoconfigure.http.LeakwatchHttpClientsAutoConfiguration;
import dev.leakwatch.autoconfigure.metrics.LeakwatchMetrics;
import dev.leakwatch.autoconfigure.metrics.LeakwatchMetricsAutoConfiguration;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.LeakSampler;
import dev.leakwatch.core.proof.HeapProof;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.TaskTracker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code leakwatch.executors.enabled}, {@code leakwatch.http.enabled} and
 * {@code leakwatch.proof.enabled}: each on by default, and each, turned off, removes its
 * beans and only those.
 */
class LeakwatchSwitchesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LeakwatchAutoConfiguration.class, LeakwatchMetricsAutoConfiguration.class,
						LeaksEndpointAutoConfiguration.class, LeakwatchHttpClientsAutoConfiguration.class,
						TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=leaks");

	@Test
	void everyPartIsOnByDefault() {
		this.runner.withUserConfiguration(ExecutorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ExecutorTrackingPostProcessor.class)
				.hasSingleBean(AsyncTaskLabelPostProcessor.class)
				.hasBean("leakwatchWebClientCustomizer")
				.hasBean("leakwatchRestClientCustomizer")
				.hasSingleBean(HeapProof.class);
			assertThat(context.getBean("reportExecutor")).isInstanceOf(TrackedExecutorBean.class);
			assertThat(context.getBean("taskScheduler")).isInstanceOf(TrackedExecutorBean.class);
		});
	}

	@Test
	void executorsOffLeavesEveryExecutorBeanTheApplicationsOwn() {
		this.runner.withUserConfiguration(ExecutorConfiguration.class)
			.withPropertyValues("leakwatch.executors.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ExecutorTrackingPostProcessor.class)
					.doesNotHaveBean(AsyncTaskLabelPostProcessor.class);
				assertThat(context.getBean("reportExecutor")).isExactlyInstanceOf(ThreadPoolExecutor.class);
				assertThat(context.getBean("taskScheduler")).isNotInstanceOf(TrackedExecutorBean.class);
				ThreadPoolExecutor executor = context.getBean("reportExecutor", ThreadPoolExecutor.class);
				assertThat(executor.submit(() -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
				assertThat(context.getBean(TaskTracker.class).sources()).isEmpty();
			});
	}

	@Test
	void httpOffLeavesClientsUntracked() {
		this.runner.withPropertyValues("leakwatch.http.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WebClientCustomizer.class).doesNotHaveBean(RestClientCustomizer.class);
			assertThat(context).hasSingleBean(ExecutorTrackingPostProcessor.class);
		});
	}

	@Test
	void proofOffHasNoHeapProofAndRefusesAProofWithABadRequest() {
		this.runner.withPropertyValues("leakwatch.proof.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HeapProof.class);
			LeaksEndpoint endpoint = context.getBean(LeaksEndpoint.class);
			WebEndpointResponse<Object> json = endpoint.leaks(null, "true");
			assertThat(json.getStatus()).isEqualTo(WebEndpointResponse.STATUS_BAD_REQUEST);
			assertThat(json.getBody()).asString().contains("leakwatch.proof.enabled=false");
			WebEndpointResponse<String> text = endpoint.textLeaks(null, "yes");
			assertThat(text.getStatus()).isEqualTo(WebEndpointResponse.STATUS_BAD_REQUEST);
			assertThat(text.getBody()).isEqualTo("heap proof is turned off by leakwatch.proof.enabled=false: "
					+ "ask without proof=true for the report");
			assertThat(endpoint.leaks(null, "false").getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
		});
	}

	@Test
	void proofOffRefusesEvenWithAHeapProofOfTheApplicationsOwn() {
		this.runner.withPropertyValues("leakwatch.proof.enabled=false")
			.withBean(HeapProof.class)
			.run((context) -> assertThat(context.getBean(LeaksEndpoint.class).leaks(null, "true").getStatus())
				.isEqualTo(WebEndpointResponse.STATUS_BAD_REQUEST));
	}

	@ParameterizedTest
	@ValueSource(strings = { "executors", "http", "proof" })
	void eachSwitchOffKeepsTheDetectorTheEndpointAndTheMeters(String part) {
		this.runner.withPropertyValues("leakwatch." + part + ".enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(TaskTracker.class)
				.hasSingleBean(LeakDetector.class)
				.hasSingleBean(LeakSampler.class)
				.hasSingleBean(LeaksEndpoint.class)
				.hasSingleBean(LeakwatchMetrics.class));
	}

	@Test
	void executorsOffTheSamplerStillFindsARawThreadLeak() {
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> leaked = new ArrayList<>();
		try {
			this.runner
				.withPropertyValues("leakwatch.executors.enabled=false", "leakwatch.stuck-threshold=1s",
						"leakwatch.sample-interval=200ms", "leakwatch.growth-window=2s",
						"leakwatch.thread-growth.min-increase=20")
				.run((context) -> {
					LeakDetector detector = context.getBean(LeakDetector.class);
					SimpleMeterRegistry registry = new SimpleMeterRegistry();
					context.getBean(LeakwatchMetrics.class).bindTo(registry);
					// a sample before the leak, so that the growth baseline does not hold
					// the leaked threads
					Object before = detector.latest();
					await().atMost(Duration.ofSeconds(10)).until(() -> detector.latest() != before);
					for (int i = 0; i < 25; i++) {
						Thread thread = new Thread(() -> awaitQuietly(release), "raw-leak-" + i);
						thread.setDaemon(true);
						thread.start();
						leaked.add(thread);
					}
					await().atMost(Duration.ofSeconds(20))
						.until(() -> detector.latest().suspectCount(SuspectKind.THREAD_GROWTH) >= 25);
					assertThat(registry.get("leakwatch.threads").tag("family", "raw-leak-#").gauge().value())
						.isEqualTo(25);
					assertThat(registry.get("leakwatch.suspects").tag("kind", "thread_growth").gauge().value())
						.isGreaterThanOrEqualTo(25);
					assertThat(context.getBean(LeaksEndpoint.class).textLeaks(null, null).getBody())
						.contains("THREAD_GROWTH")
						.contains("raw-leak-#");
				});
		}
		finally {
			release.countDown();
		}
		for (Thread thread : leaked) {
			assertThat(awaitEnd(thread)).isTrue();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static boolean awaitEnd(Thread thread) {
		try {
			thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !thread.isAlive();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ExecutorConfiguration {

		@Bean(destroyMethod = "shutdownNow")
		ThreadPoolExecutor reportExecutor() {
			return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		}

	}

}
