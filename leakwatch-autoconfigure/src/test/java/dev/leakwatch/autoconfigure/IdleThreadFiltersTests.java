package dev.leakwatch.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.IdleFilter;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.LeakReportTextFormatter;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idle-thread filters from properties, beans and a library's {@code META-INF/services},
 * merged with the defaults: real threads parked on pools no bean owns, each matched by
 * one of them, are never suspects while an unfiltered one parked the same way is; the
 * report lists every filter with its origin.
 */
class IdleThreadFiltersTests {

	private static final String POLLER = Poller.class.getName();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeakwatchAutoConfiguration.class))
		.withPropertyValues("leakwatch.stuck-threshold=400ms", "leakwatch.sample-interval=100ms");

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<ExecutorService> pools = new ArrayList<>();

	@AfterEach
	void shutDown() {
		this.release.countDown();
		this.pools.forEach(ExecutorService::shutdownNow);
	}

	@Test
	void threadsEachFilterMatchesAreNoSuspectsAndTheReportSaysWhereEachFilterCameFrom() throws IOException {
		try (URLClassLoader withLibrary = new URLClassLoader(
				new URL[] { getClass().getClassLoader().getResource("idle-library/") }, getClass().getClassLoader())) {
			this.runner.withClassLoader(withLibrary)
				.withPropertyValues("leakwatch.idle.thread-names=orders-housekeeper-*, batch",
						"leakwatch.idle.frames=" + POLLER + "#awaitEvents")
				.withUserConfiguration(FilterBeans.class)
				.run((context) -> {
					parkOnPool("orders-housekeeper-", () -> new AwaitRelease(this.release).run());
					parkOnPool("poller-", () -> Poller.awaitEvents(this.release));
					parkOnPool("orders-events-", () -> new AwaitRelease(this.release).run());
					parkOnPool("library-", () -> LibraryIdleFilterProvider.EventLoop.awaitEvents(this.release));
					parkOnPool("unfiltered-", () -> new AwaitRelease(this.release).run());
					LeakDetector detector = context.getBean(LeakDetector.class);
					LeakReport report = await().atMost(Duration.ofSeconds(20))
						.pollInterval(Duration.ofMillis(100))
						.until(() -> detector.report(false), (found) -> sources(found).contains("unfiltered-#"));
					assertThat(sources(report)).doesNotContain("orders-housekeeper-#", "poller-#", "orders-events-#",
							"library-#");
					assertThat(report.idleFilters()).hasSize(IdleThreads.DEFAULTS.size() + 6)
						.endsWith(
								new IdleFilter(
										"frame " + LibraryIdleFilterProvider.EventLoop.class.getName() + ".awaitEvents",
										"provider " + LibraryIdleFilterProvider.class.getName()),
								new IdleFilter("thread name orders-housekeeper-*",
										"property leakwatch.idle.thread-names"),
								new IdleFilter("thread name batch", "property leakwatch.idle.thread-names"),
								new IdleFilter("frame " + POLLER + "#awaitEvents", "property leakwatch.idle.frames"),
								new IdleFilter("thread orders-events-1", "bean ordersEvents"),
								new IdleFilter("thread orders-nightly", "bean ordersNightly"));
					assertThat(new LeakReportTextFormatter().format(report))
						.contains(String.format("%nIDLE FILTERS (%d: %d default, 2 bean, 3 property, 1 provider)%n",
								IdleThreads.DEFAULTS.size() + 6, IdleThreads.DEFAULTS.size()))
						.contains(String.format("%n  thread orders-events-1  (bean ordersEvents)%n"));
				});
		}
	}

	@Test
	void withoutFiltersTheSameThreadsAreSuspects() {
		this.runner.run((context) -> {
			parkOnPool("orders-housekeeper-", () -> new AwaitRelease(this.release).run());
			parkOnPool("poller-", () -> Poller.awaitEvents(this.release));
			LeakDetector detector = context.getBean(LeakDetector.class);
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> sources(detector.report(false)),
						(sources) -> sources.contains("orders-housekeeper-#") && sources.contains("poller-#"));
			assertThat(detector.report(false).idleFilters()).extracting(IdleFilter::origin)
				.containsOnly(IdleThreadFilter.DEFAULT_ORIGIN);
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"leakwatch.idle.thread-names[0]= | leakwatch.idle.thread-names[0]: thread-name pattern must not be empty",
			"leakwatch.idle.thread-names=batch,** | leakwatch.idle.thread-names[1]: thread-name pattern '**' matches"
					+ " every thread",
			"leakwatch.idle.frames=com.example.Pool# | leakwatch.idle.frames[0]: frame 'com.example.Pool#' is not of"
					+ " the form fully.qualified.Class#method or fully.qualified.Class",
			"leakwatch.idle.frames=com.example.Pool,#run | leakwatch.idle.frames[1]: frame '#run' is not of the form",
			"leakwatch.idle.frames[0]=com.example.Pool#run#stop | leakwatch.idle.frames[0]: frame"
					+ " 'com.example.Pool#run#stop' is not of the form" })
	void badValueFailsStartUpNamingThePropertyAndTheValue(String property, String message) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(message);
		});
	}

	private void parkOnPool(String prefix, Runnable park) {
		ExecutorService pool = Executors.newFixedThreadPool(1, (task) -> new Thread(task, prefix + "1"));
		this.pools.add(pool);
		pool.execute(park);
	}

	private static List<String> sources(LeakReport report) {
		return report.suspects().stream().map(Suspect::source).toList();
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

	/** An application's poll loop, waiting for its next event by design. */
	static final class Poller {

		private Poller() {
		}

		static void awaitEvents(CountDownLatch events) {
			new AwaitRelease(events).run();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FilterBeans {

		@Bean
		@Order(2)
		IdleThreadFilter ordersNightly() {
			return IdleThreadFilter.threadName("orders-nightly");
		}

		@Bean
		@Order(1)
		IdleThreadFilter ordersEvents() {
			return IdleThreadFilter.threadName("orders-events-1");
		}

	}

}
