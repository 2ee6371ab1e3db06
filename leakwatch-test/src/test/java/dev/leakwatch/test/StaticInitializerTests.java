package dev.leakwatch.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.launcher.listeners.TestExecutionSummary.Failure;

import dev.leakwatch.test.fixtures.Fixture;
import dev.leakwatch.test.fixtures.Leaks;
import dev.leakwatch.test.fixtures.StaticInitializerFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A daemon {@code Timer} that a static initializer starts is one per JVM, not the leak of
 * the test that first touched its class: reported apart by default, a failure or left out
 * on request.
 */
@VerifyNoLeakedThreads
class StaticInitializerTests {

	private static final String HOLDERS = "dev.leakwatch.test.fixtures.StaticInitializerFixtures$";

	@TempDir
	Path dir;

	@AfterEach
	void releaseFixtureThreads() throws InterruptedException {
		Leaks.releaseAll();
	}

	@Test
	void threadsAStaticInitializerStartedAreReportedApartWithoutFailingTheirTest() throws IOException {
		TestExecutionSummary run = launch(StaticInitializerFixtures.Reported.class, Map.of());

		assertThat(run.getTestsSucceededCount()).isEqualTo(2);
		assertThat(run.getFailures()).hasSize(1);
		assertThat(run.getFailures().get(0).getException().getMessage())
			.containsPattern("^\\Q1 thread started during "
					+ "StaticInitializerFixtures.Reported.c_leaksAThreadAndTouchesAHolder() is still alive after \\E"
					+ "\\d+ms:")
			.contains("threads: beside-a-holder-1")
			.containsPattern("\\R\\RAlso alive, 1 thread started by a static initializer: one per JVM, not this "
					+ "test's leak \\(staticInitializerThreads FAIL fails on them, IGNORE leaves them out\\):\\R\\R"
					+ "x1 state=WAITING daemon=true family=static-beside-a-leak-timer\\R"
					+ "    threads: static-beside-a-leak-timer\\R(?s).*"
					+ "\\Q    created by dev.leakwatch.test.fixtures.Leaks.timer:\\E\\d+"
					+ " via java\\.util\\.Timer\\.<init>:\\d+\\R" + "\\Q        at " + HOLDERS
					+ "HolderBesideALeak.<clinit>:\\E\\d+\\R");
		// expected output, as printed
		assertThat(summary().replaceAll(":\\d+", ":#")).isEqualToNormalizingNewlines(
				"""

						leakwatch: 1 test left threads running, from 1 cause:
						  1 test: beside-a-holder-# in dev.leakwatch.test.fixtures.Leaks.waitForRelease created by dev.leakwatch.test.fixtures.Leaks.parkedThread:#
						      StaticInitializerFixtures.Reported.c_leaksAThreadAndTouchesAHolder()

						leakwatch: 3 tests started threads by a static initializer, from 3 causes: one per JVM, not a test's leak, so not failed
						  (leakwatch.test.static-initializer-threads=fail fails on them, =ignore leaves them out)
						  1 test: static-idle-timer created by dev.leakwatch.test.fixtures.Leaks.timer:#
						      StaticInitializerFixtures.Reported.a_touchesAnIdleTimersHolder()
						  1 test: static-beside-a-leak-timer created by dev.leakwatch.test.fixtures.Leaks.timer:#
						      StaticInitializerFixtures.Reported.c_leaksAThreadAndTouchesAHolder()
						  1 test: static-busy-timer created by dev.leakwatch.test.fixtures.Leaks.timer:#
						      StaticInitializerFixtures.Reported.b_touchesABusyTimersHolder()
						""");
		// end of expected output
	}

	@Test
	void withFailAThreadAStaticInitializerStartedFailsTheTest() {
		TestExecutionSummary run = launch(StaticInitializerFixtures.Failing.class, Map.of());

		assertThat(run.getFailures()).singleElement()
			.extracting(Failure::getException)
			.extracting(Throwable::getMessage)
			.asString()
			.startsWith("1 thread started during StaticInitializerFixtures.Failing.touchesTheHolder() is still alive")
			.contains("threads: static-failing-timer", HOLDERS + "FailingHolder.<clinit>:")
			.doesNotContain("Also alive");
	}

	@Test
	void theSuiteSettingIgnoreLeavesThemOutSilently() {
		TestExecutionSummary run = launch(StaticInitializerFixtures.Unannotated.class,
				Map.of(SuiteCheckTests.AUTODETECTION, "true", SuiteSettings.STATIC_INITIALIZER_THREADS, "ignore"));

		assertThat(run.getTestsSucceededCount()).isEqualTo(1);
		assertThat(run.getTotalFailureCount()).isZero();
		assertThat(this.dir.resolve("leaks.txt")).doesNotExist();
	}

	@Test
	void aBadSuiteSettingFailsNamingIt() {
		TestExecutionSummary run = launch(StaticInitializerFixtures.Unannotated.class,
				Map.of(SuiteCheckTests.AUTODETECTION, "true", SuiteSettings.STATIC_INITIALIZER_THREADS, "warn"));

		assertThat(run.getFailures()).isNotEmpty()
			.allSatisfy((failure) -> assertThat(failure.getException())
				.isInstanceOf(ExtensionConfigurationException.class)
				.hasMessage("Configuration parameter leakwatch.test.static-initializer-threads is 'warn', expected "
						+ "report, fail or ignore"));
	}

	private TestExecutionSummary launch(Class<?> fixture, Map<String, String> parameters) {
		SummaryGeneratingListener results = new SummaryGeneratingListener();
		LauncherFactory.create()
			.execute(LauncherDiscoveryRequestBuilder.request()
				.selectors(selectClass(fixture))
				.configurationParameter(Fixture.ENABLED, "true")
				.configurationParameter(LeakSummaryListener.SUMMARY_FILE, this.dir.resolve("leaks.txt").toString())
				.configurationParameters(parameters)
				.build(), results);
		return results.getSummary();
	}

	private String summary() throws IOException {
		return Files.readString(this.dir.resolve("leaks.txt"));
	}

}
