package dev.leakwatch.autoconfigure.origin;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.origin.ThreadOrigins;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** One small test per condition of the created-by auto-configuration. */
class CreatedByAutoConfigurationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(60);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(LeakwatchAutoConfiguration.class, CreatedByAutoConfiguration.class));

	@Test
	void recordsWhereThreadsAreStartedByDefault() {
		this.runner.run((context) -> {
			ThreadOrigins origins = context.getBean(ThreadOrigins.class);
			assertThat(origins.isAvailable()).isTrue();
			assertThat(streamThreadAlive()).isTrue();
			assertThat(origins.awaitDelivery(DELIVERY)).isTrue();
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				long worker = executor.submit(CreatedByAutoConfigurationTests::currentThreadId).get();
				assertThat(origins.awaitDelivery(DELIVERY)).isTrue();
				CreationSite site = origins.siteOf(worker);
				assertThat(site.kind()).isEqualTo(CreationSite.Kind.RECORDED);
				assertThat(site.frames().get(0)).startsWith(CreatedByAutoConfigurationTests.class.getName() + ".");
			}
			finally {
				executor.shutdown();
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
		});
		assertThat(streamThreadAlive()).isFalse();
	}

	@Test
	void thePropertyOffRemovesTheBeanAndTheStreamThread() {
		this.runner.withPropertyValues("leakwatch.created-by.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(LeakwatchAutoConfiguration.class).doesNotHaveBean(ThreadOrigins.class);
			assertThat(streamThreadAlive()).isFalse();
		});
	}

	@Test
	void leakwatchOffTurnsItOffToo() {
		this.runner.withPropertyValues("leakwatch.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadOrigins.class));
	}

	private static boolean streamThreadAlive() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().equals(ThreadOrigins.THREAD_NAME) && thread.isAlive());
	}

	@SuppressWarnings("deprecation")
	private static long currentThreadId() {
		return Thread.currentThread().getId();
	}

}
