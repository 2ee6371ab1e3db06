package dev.leakwatch.core.thread;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import dev.leakwatch.core.CapturedLogs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Library-shipped filters read with {@link java.util.ServiceLoader}: the working provider
 * of this module's test {@code META-INF/services}, and one of each way a provider fails
 * from {@code failing-providers/}.
 */
class IdleThreadFilterProvidersTest {

	private static final String PROVIDERS = TestIdleFilterProviders.class.getName();

	@Test
	void workingProviderCountsAndEachFailingOneIsLoggedByNameAndSkipped() throws IOException {
		List<LogRecord> warnings = new CopyOnWriteArrayList<>();
		List<IdleThreadFilter> filters;
		ClassLoader tests = getClass().getClassLoader();
		try (URLClassLoader failing = new URLClassLoader(new URL[] { tests.getResource("failing-providers/") },
				tests)) {
			filters = capturingWarnings(warnings, () -> IdleThreadFilterProviders.load(failing));
		}
		assertThat(filters).singleElement().satisfies((filter) -> {
			assertThat(filter.name()).isEqualTo("frame " + PROVIDERS + "$Housekeeper#awaitWork");
			assertThat(filter.origin()).isEqualTo("provider " + PROVIDERS + "$Housekeeping");
		});
		assertThat(warnings).allSatisfy((record) -> assertThat(record.getLevel()).isEqualTo(Level.WARNING))
			.extracting(LogRecord::getMessage)
			.satisfiesExactly(
					(message) -> assertThat(message).contains("provider " + PROVIDERS + "$Throwing skipped")
						.contains("no filters today"),
					(message) -> assertThat(message).contains("provider " + PROVIDERS + "$ReturnsNull skipped")
						.endsWith("returned null"),
					(message) -> assertThat(message).contains("provider " + PROVIDERS + "$ReturnsANullFilter skipped")
						.endsWith("returned a null filter"),
					(message) -> assertThat(message).contains("could not be loaded")
						.contains(PROVIDERS + "$FailsToConstruct"),
					(message) -> assertThat(message).contains("could not be loaded")
						.contains(PROVIDERS + "$NotOnTheClasspath"));
	}

	@Test
	void workingProviderAloneLogsNothing() {
		List<LogRecord> warnings = new CopyOnWriteArrayList<>();
		assertThat(capturingWarnings(warnings, () -> IdleThreadFilterProviders.load(getClass().getClassLoader())))
			.extracting(IdleThreadFilter::origin)
			.containsExactly("provider " + PROVIDERS + "$Housekeeping");
		assertThat(warnings).isEmpty();
	}

	@Test
	void classLoaderThatSeesNoProviderGivesNoFilters() {
		ClassLoader platform = ClassLoader.getPlatformClassLoader();
		assertThat(IdleThreadFilterProviders.load(platform)).isEmpty();
	}

	private static <T> T capturingWarnings(List<LogRecord> records, Supplier<T> action) {
		return CapturedLogs.capturing(IdleThreadFilterProviders.class, records, action);
	}

}
