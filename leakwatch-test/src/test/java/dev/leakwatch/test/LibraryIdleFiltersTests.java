package dev.leakwatch.test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.leakwatch.test.fixtures.Fixture;
import dev.leakwatch.test.fixtures.LibraryFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A library's thread that waits by design, started by a test: the filter the library
 * ships in its {@code META-INF/services} (here a class loader over {@code idle-library/})
 * makes it expected, as at runtime.
 */
@VerifyNoLeakedThreads
class LibraryIdleFiltersTests {

	@AfterEach
	void stopTheLibrarysThreads() throws InterruptedException {
		LibraryFixtures.EventLoop.stopAll();
	}

	@Test
	void threadALibraryShipsAFilterForIsExpected() throws IOException {
		ClassLoader tests = getClass().getClassLoader();
		EngineExecutionResults results;
		try (URLClassLoader withLibrary = new URLClassLoader(new URL[] { tests.getResource("idle-library/") }, tests)) {
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(withLibrary);
			try {
				results = launch();
			}
			finally {
				thread.setContextClassLoader(previous);
			}
		}
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
	}

	@Test
	void withoutTheLibrarysFilterTheSameThreadFailsTheTest() {
		EngineExecutionResults results = launch();
		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		assertThat(results.testEvents()
			.failed()
			.stream()
			.findFirst()
			.orElseThrow()
			.getRequiredPayload(TestExecutionResult.class)
			.getThrowable()
			.orElseThrow()).hasMessageContaining("threads: library-loop-1")
			.hasMessageContaining("LibraryFixtures$EventLoop.awaitEvents(");
	}

	private static EngineExecutionResults launch() {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(LibraryFixtures.StartsTheLibrarysEventLoop.class))
			.configurationParameter(Fixture.ENABLED, "true")
			.execute();
	}

}
