package dev.leakwatch.autoconfigure.origin;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeakwatchAutoConfiguration.class, CreatedByAutoConfiguration.class));

	@Test
	void recordsWhereThreadsAreStartedByDefault() {
		Set<Thread> others = streamThreads();
		this.runner.run((context) -> {
			ThreadOrigins origins = context.getBean(ThreadOrigins.class);
			assertThat(origins.isAvailable()).isTrue();
			assertThat(streamThreads()).hasSize(others.size() + 1);
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
		assertThat(streamThreads()).isEqualTo(others);
	}

	@Test
	void thePropertyOffRemovesTheBeanAndTheStreamThread() {
		Set<Thread> others = streamThreads();
		this.runner.withPropertyValues("leakwatch.created-by.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(LeakwatchAutoConfiguration.class).doesNotHaveBean(ThreadOrigins.class);
			assertThat(streamThreads()).isEqualTo(others);
		});
	}

	@Test
	void leakwatchOffTurnsItOffToo() {
		this.runner.withPropertyValues("leakwatch.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadOrigins.class));
	}

	/**
	 * The live stream threads, the ones of contexts that other test classes cached
	 * included.
	 */
	private static Set<Thread> streamThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(ThreadOrigins.THREAD_NAME) && thread.isAlive())
			.collect(Collectors.toSet());
	}

	@SuppressWarnings("deprecation")
	private static long currentThreadId() {
		return Thread.currentThread().getId();
	}

}
