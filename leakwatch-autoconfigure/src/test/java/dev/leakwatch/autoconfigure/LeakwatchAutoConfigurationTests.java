package dev.leakwatch.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.leakwatch.autoconfigure.endpoint.LeaksEndpoint;
import dev.leakwatch.autoconfigure.endpoint.LeaksEndpointAutoConfiguration;
import dev.leakwatch.autoconfigure.executor.TrackedExecutorBean;
import dev.leakwatch.autoconfigure.metrics.LeakwatchMetrics;
import dev.leakwatch.autoconfigure.metrics.LeakwatchMetricsAutoConfiguration;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.LeakSampler;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One small test per condition of leakwatch's auto-configuration. */
@ExtendWith(OutputCaptureExtension.class)
class LeakwatchAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeakwatchAutoConfiguration.class,
				LeakwatchMetricsAutoConfiguration.class, LeaksEndpointAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=leaks");

	@Test
	void tracksExecutorBeansAndKeepsTheirTypes() {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TaskTracker.class)
				.hasSingleBean(LeakDetector.class)
				.hasSingleBean(LeakSampler.class);
			assertThat(context.getBean("reportExecutor")).isInstanceOf(ThreadPoolExecutor.class)
				.isInstanceOf(TrackedExecutorBean.class);
			assertThat(context.getBean("springExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class)
				.isInstanceOf(TrackedExecutorBean.class);
			assertThat(context.getBean("timer")).isInstanceOf(ScheduledThreadPoolExecutor.class)
				.isInstanceOf(TrackedExecutorBean.class);
			// newSingleThreadExecutor's class is not public: tracked through its
			// interfaces
			assertThat(context.getBean("single")).isInstanceOf(ExecutorService.class)
				.isInstanceOf(TrackedExecutorBean.class);

			ThreadPoolExecutor reportExecutor = context.getBean("reportExecutor", ThreadPoolExecutor.class);
			assertThat(reportExecutor.submit(() -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
			TaskSource source = context.getBean(TaskTracker.class).source("reportExecutor", TaskKind.EXECUTOR);
			// the future completes before the worker's bookkeeping ends
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(reportExecutor.getCompletedTaskCount()).isEqualTo(1);
				assertThat(source.completed()).isEqualTo(1);
			});
			assertThat(context.getBean(TaskTracker.class).source("timer", TaskKind.SCHEDULER)).isNotNull();
		});
	}

	@Test
	void tracksBootsTaskExecutorAndScheduler() {
		this.runner.withUserConfiguration(SchedulingConfiguration.class).run((context) -> {
			assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class)
				.isInstanceOf(TrackedExecutorBean.class);
			assertThat(context.getBean("taskScheduler")).isInstanceOf(ThreadPoolTaskScheduler.class)
				.isInstanceOf(TrackedExecutorBean.class);
		});
	}

	@Test
	void finalMethodsOfATrackedBeanAnswerAsTheBeanDid() {
		ThreadFactory factory = (task) -> new Thread(task, "simple-worker");
		this.runner.withBean("simple", SimpleAsyncTaskExecutor.class, () -> {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor();
			executor.setThreadFactory(factory);
			return executor;
		}).run((context) -> {
			SimpleAsyncTaskExecutor simple = context.getBean("simple", SimpleAsyncTaskExecutor.class);
			assertThat(simple).isInstanceOf(TrackedExecutorBean.class);
			assertThat(simple.getThreadFactory()).isSameAs(factory); // final: runs on the
																		// proxy's copy
			assertThat(simple.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
				.isEqualTo("simple-worker");
		});
	}

	@Test
	void runsTasksInsideTheUsersTaskDecorator() {
		this.runner.withUserConfiguration(DecoratorConfiguration.class).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
			AtomicReference<String> seen = new AtomicReference<>();
			executor.submit(() -> seen.set(DecoratorConfiguration.CONTEXT.get())).get(10, TimeUnit.SECONDS);
			assertThat(seen).hasValue("decorated");
			TaskSource source = context.getBean(TaskTracker.class).source("applicationTaskExecutor", TaskKind.EXECUTOR);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(source.completed()).isEqualTo(1);
				assertThat(source.queued()).isZero();
				assertThat(source.active()).isZero();
			});
		});
	}

	@Test
	void leavesExcludedBeansUntracked() {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class)
			.withPropertyValues("leakwatch.executors.exclude=reportExecutor,timer")
			.run((context) -> {
				assertThat(context.getBean("reportExecutor")).isNotInstanceOf(TrackedExecutorBean.class);
				assertThat(context.getBean("timer")).isNotInstanceOf(TrackedExecutorBean.class);
				assertThat(context.getBean("springExecutor")).isInstanceOf(TrackedExecutorBean.class);
			});
	}

	@Test
	void namesABeanItCannotTrackOnceAndLeavesItWorking(CapturedOutput output) {
		this.runner.withUserConfiguration(FinalExecutorConfiguration.class).run((context) -> {
			FinalExecutor executor = context.getBean(FinalExecutor.class);
			assertThat(executor).isNotInstanceOf(TrackedExecutorBean.class);
			assertThat(executor.submit(() -> 1).get(10, TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(output).containsOnlyOnce("leakwatch cannot track executor bean 'finalExecutor'")
				.contains("is final");
		});
	}

	@Test
	void closingReportsExecutorsNeverShutDownAndTasksStillRunning(CapturedOutput output) {
		CountDownLatch release = new CountDownLatch(1);
		try {
			this.runner.withUserConfiguration(NeverShutDownConfiguration.class).run((context) -> {
				ExecutorService executor = context.getBean("neverClosed", ExecutorService.class);
				executor.execute(new AwaitRelease(release));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> context.getBean(TaskTracker.class).running().size() == 1);
				context.close();
				assertThat(output).containsOnlyOnce("the application context has closed")
					.contains("were never shut down [neverClosed]")
					.contains("1 tracked task(s) are still running")
					.contains("neverClosed: AwaitRelease on pool-")
					.contains("CountDownLatch.await");
			});
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void closingCleanlyReportsNothing(CapturedOutput output) {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class).run((context) -> {
			context.getBean("reportExecutor", ThreadPoolExecutor.class).submit(() -> 1).get(10, TimeUnit.SECONDS);
			context.close();
			assertThat(output).doesNotContain("the application context has closed");
		});
	}

	@Test
	void disabledTurnsEverythingOff() {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class)
			.withPropertyValues("leakwatch.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TaskTracker.class)
					.doesNotHaveBean(LeakSampler.class)
					.doesNotHaveBean(LeakwatchMetrics.class)
					.doesNotHaveBean(LeaksEndpoint.class);
				assertThat(context.getBean("reportExecutor")).isNotInstanceOf(TrackedExecutorBean.class);
			});
	}

	@Test
	void withoutTheActuatorThereIsNoEndpointButTrackingWorks() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withUserConfiguration(ExecutorsConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LeaksEndpoint.class).hasSingleBean(LeakDetector.class);
				assertThat(context.getBean("reportExecutor")).isInstanceOf(TrackedExecutorBean.class);
			});
	}

	@Test
	void endpointIsThereWhenExposed() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(LeaksEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(LeaksEndpoint.class));
	}

	@Test
	void withoutMicrometerThereAreNoMeters() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LeakwatchMetrics.class)
				.hasSingleBean(LeakDetector.class));
	}

	@Test
	void metersAreThereWithMicrometer() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(LeakwatchMetrics.class));
	}

	@Test
	void usersOwnTrackerIsKept() {
		TaskTracker own = new TaskTracker(true);
		this.runner.withBean(TaskTracker.class, () -> own)
			.run((context) -> assertThat(context.getBean(TaskTracker.class)).isSameAs(own));
	}

	@Test
	void samplerRunsUntilTheContextCloses() {
		// other contexts of this JVM (cached test contexts) may have samplers of their
		// own: count, don't look for none
		long before = samplerThreads();
		this.runner.withPropertyValues("leakwatch.sample-interval=50ms").run((context) -> {
			LeakSampler sampler = context.getBean(LeakSampler.class);
			assertThat(sampler.isRunning()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> samplerThreads() == before + 1);
			context.close();
			assertThat(sampler.isRunning()).isFalse();
			await().atMost(Duration.ofSeconds(10)).until(() -> samplerThreads() == before);
		});
	}

	private static long samplerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("leakwatch-sampler"))
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorsConfiguration {

		@Bean(destroyMethod = "shutdownNow")
		ThreadPoolExecutor reportExecutor() {
			return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		}

		@Bean
		ThreadPoolTaskExecutor springExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(2);
			return executor;
		}

		@Bean(destroyMethod = "shutdownNow")
		ScheduledThreadPoolExecutor timer() {
			return new ScheduledThreadPoolExecutor(1);
		}

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService single() {
			return Executors.newSingleThreadExecutor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NeverShutDownConfiguration {

		@Bean(destroyMethod = "")
		ExecutorService neverClosed() {
			return Executors.newFixedThreadPool(1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class DecoratorConfiguration {

		static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();

		@Bean
		TaskDecorator contextDecorator() {
			return (task) -> () -> {
				CONTEXT.set("decorated");
				try {
					task.run();
				}
				finally {
					CONTEXT.remove();
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FinalExecutorConfiguration {

		@Bean(destroyMethod = "shutdownNow")
		FinalExecutor finalExecutor() {
			return new FinalExecutor();
		}

	}

	/** An executor class no subclass proxy can stand in for. */
	public static final class FinalExecutor extends ThreadPoolExecutor {

		FinalExecutor() {
			super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		}

		<T> Future<T> run(Callable<T> task) {
			return submit(task);
		}

	}

}
