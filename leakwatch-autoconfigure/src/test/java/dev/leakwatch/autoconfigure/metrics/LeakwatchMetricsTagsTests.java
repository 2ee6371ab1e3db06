package dev.leakwatch.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.autoconfigure.LeakwatchProperties;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.SuspectKind;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code kind} tag is lower case on every meter, and base units are where the names
 * end with them.
 */
class LeakwatchMetricsTagsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LeakwatchAutoConfiguration.class, LeakwatchMetricsAutoConfiguration.class))
		.withPropertyValues("leakwatch.sample-interval=100ms");

	@Test
	void everyKindTagIsLowerCase() {
		this.runner.withUserConfiguration(ExecutorConfiguration.class).run((context) -> {
			SimpleMeterRegistry registry = bound(context.getBean(LeakwatchMetrics.class));
			context.getBean("reportExecutor", ThreadPoolExecutor.class).submit(() -> 1).get(10, TimeUnit.SECONDS);
			List<String> kinds = registry.getMeters()
				.stream()
				.map(Meter::getId)
				.filter((id) -> id.getName().startsWith("leakwatch.") && id.getTag("kind") != null)
				.map((id) -> id.getTag("kind"))
				.distinct()
				.toList();
			assertThat(kinds).contains("executor", "stuck_task", "deadlock")
				.allSatisfy((kind) -> assertThat(kind).isEqualTo(kind.toLowerCase(Locale.ROOT)));
		});
	}

	@Test
	void threadAndSuspectCountsCarryTheirBaseUnit() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = bound(context.getBean(LeakwatchMetrics.class));
			LeakDetector detector = context.getBean(LeakDetector.class);
			Object before = detector.latest();
			await().atMost(Duration.ofSeconds(10)).until(() -> detector.latest() != before);
			await().atMost(Duration.ofSeconds(10)).until(() -> !registry.find("leakwatch.threads").meters().isEmpty());
			assertThat(registry.get("leakwatch.threads").meters())
				.allSatisfy((meter) -> assertThat(meter.getId().getBaseUnit()).isEqualTo("threads"));
			assertThat(registry.get("leakwatch.suspects").meters())
				.allSatisfy((meter) -> assertThat(meter.getId().getBaseUnit()).isEqualTo("suspects"));
		});
	}

	@Test
	void aSuspectKindTagValueNamesItsKindInHealthDownOn() {
		this.runner.withPropertyValues("leakwatch.health.down-on=stuck_task,starved_queue")
			.run((context) -> assertThat(context.getBean(LeakwatchProperties.class).getHealth().getDownOn())
				.containsExactly(SuspectKind.STUCK_TASK, SuspectKind.STARVED_QUEUE));
	}

	private static SimpleMeterRegistry bound(LeakwatchMetrics metrics) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		metrics.bindTo(registry);
		return registry;
	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorConfiguration {

		@Bean(destroyMethod = "shutdownNow")
		ThreadPoolExecutor reportExecutor() {
			return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		}

	}

}
