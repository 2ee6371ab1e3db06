package dev.leakwatch.autoconfigure.executor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code @Async} methods run as tasks of kind {@code async}, named after the method. */
class AsyncTaskLabelTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LeakwatchAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
		.withUserConfiguration(AsyncConfiguration.class);

	@Test
	void asyncMethodIsATaskNamedAfterItsMethod() {
		this.runner.run((context) -> {
			Reports reports = context.getBean(Reports.class);
			TaskTracker tracker = context.getBean(TaskTracker.class);
			CountDownLatch release = new CountDownLatch(1);
			CompletableFuture<String> result = reports.build(release);
			await().atMost(Duration.ofSeconds(10)).until(() -> !tracker.running().isEmpty());
			RunningTask running = tracker.running().get(0);
			assertThat(running.description()).isEqualTo("Reports.build");
			assertThat(running.source().name()).isEqualTo("applicationTaskExecutor");
			assertThat(running.source().kind()).isEqualTo(TaskKind.ASYNC);
			release.countDown();
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("built");
			TaskSource async = tracker.source("applicationTaskExecutor", TaskKind.ASYNC);
			await().atMost(Duration.ofSeconds(10)).until(() -> async.completed() == 1 && async.active() == 0);
			assertThat(tracker.source("applicationTaskExecutor", TaskKind.EXECUTOR).completed()).isZero();
			// a plain call on the same thread afterwards is not labelled
			assertThat(reports.plain()).isEqualTo("plain");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	static class Reports {

		@Async
		public CompletableFuture<String> build(CountDownLatch release) throws InterruptedException {
			release.await();
			return CompletableFuture.completedFuture("built");
		}

		public String plain() {
			return "plain";
		}

	}

}
