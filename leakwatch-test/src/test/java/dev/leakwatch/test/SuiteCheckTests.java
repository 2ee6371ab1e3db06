package dev.leakwatch.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import dev.leakwatch.test.fixtures.Fixture;
import dev.leakwatch.test.fixtures.Leaks;
import dev.leakwatch.test.fixtures.SuiteFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The one-line setup: with JUnit's extension autodetection on, every test is checked,
 * with the defaults or the {@code leakwatch.test.*} configuration parameters, and
 * annotations or an extension in code still customise a class; at the end of the run the
 * leaking tests are summed up by cause.
 */
@VerifyNoLeakedThreads
class SuiteCheckTests {

	static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

	@AfterEach
	void releaseFixtureThreads() throws InterruptedException {
		Leaks.releaseAll();
	}

	@Test
	void autodetectionChecksEveryTestWithTheDefaultsAndALingeringThreadPasses() {
		EngineExecutionResults results = launch(SuiteFixtures.Unannotated.class, Map.of(AUTODETECTION, "true"));

		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(2).failed(1));
		assertThat(failureOf(results, "leaksAnExecutor()").getMessage())
			.containsPattern("^\\Q1 thread started during SuiteFixtures.Unannotated.leaksAnExecutor() is still "
					+ "alive after \\E\\d+ms:")
			.contains("x1 state=WAITING daemon=true family=suite-pool-#");
	}

	@Test
	void aThreadThatMayStillEndLetsTheClassGoOnAndIsReportedWhenTheClassEndsIfItDoesNot() {
		EngineExecutionResults results = launch(SuiteFixtures.LeavesAThreadRunning.class, Map.of(AUTODETECTION, "true",
				SuiteSettings.SETTLE_MILLIS, "200", SuiteSettings.MAX_WAIT_MILLIS, "1000"));

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		results.containerEvents().assertStatistics((stats) -> stats.failed(1));
		assertThat(throwable(results.containerEvents().failed().list().get(0)).getMessage())
			.startsWith("1 thread started during SuiteFixtures.LeavesAThreadRunning.a_startsAThreadThatNeverStops() "
					+ "is still alive after 1s:")
			.contains("x1 state=RUNNABLE daemon=true family=suite-spinning-#");
	}

	@Test
	void aThreadThatMayStillEndIsLeftToTheClassAfterAShortLookNotAfterTheSettle() {
		Duration settle = Duration.ofSeconds(5);
		EngineExecutionResults results = launch(SuiteFixtures.LeavesAThreadRunning.class, Map.of(AUTODETECTION, "true",
				SuiteSettings.SETTLE_MILLIS, String.valueOf(settle.toMillis()), SuiteSettings.MAX_WAIT_MILLIS, "6000"));

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		results.containerEvents().assertStatistics((stats) -> stats.failed(1));
		assertThat(duration(results, "a_startsAThreadThatNeverStops()")).isLessThan(settle);
	}

	@Test
	void aThreadAliveAtItsDeadlineIsReportedThoughItEndsBeforeTheClassDoes() {
		EngineExecutionResults results = launch(SuiteFixtures.OutlivesItsDeadlineButNotTheClass.class, Map
			.of(AUTODETECTION, "true", SuiteSettings.SETTLE_MILLIS, "100", SuiteSettings.MAX_WAIT_MILLIS, "500"));

		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(3));
		assertThat(throwable(results.containerEvents().failed().list().get(0)).getMessage())
			.startsWith("1 thread started during SuiteFixtures.OutlivesItsDeadlineButNotTheClass."
					+ "a_startsAThreadThatSleepsPastItsDeadline() is still alive after 500ms:");
	}

	@Test
	void withoutAutodetectionAnUnannotatedClassIsNotChecked() {
		EngineExecutionResults results = launch(SuiteFixtures.Unannotated.class, Map.of());

		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(3));
	}

	@Test
	void checkAnnotatedLeavesUnannotatedClassesAlone() {
		EngineExecutionResults results = launch(SuiteFixtures.Unannotated.class,
				Map.of(AUTODETECTION, "true", SuiteSettings.CHECK, "annotated"));

		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(3));
	}

	@Test
	void perMethodByDefaultBlamesTheTestThatStartedAThreadALaterOneStops() {
		EngineExecutionResults results = launch(SuiteFixtures.HandsAThreadOverBetweenTests.class,
				Map.of(AUTODETECTION, "true", SuiteSettings.SETTLE_MILLIS, "300"));

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(failureOf(results, "a_startsAThread()").getMessage()).containsPattern("after \\d+ms:")
			.contains("threads: suite-handed-over-1");
	}

	@Test
	void perClassByAPropertyLetsOneTestStopAThreadAnotherStarted() {
		EngineExecutionResults results = launch(SuiteFixtures.HandsAThreadOverBetweenTests.class,
				Map.of(AUTODETECTION, "true", SuiteSettings.MODE, "per_class"));

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	@Test
	void anAnnotationStillCustomisesItsClass() {
		EngineExecutionResults results = launch(SuiteFixtures.Annotated.class, Map.of(AUTODETECTION, "true"));

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
	}

	@Test
	void anExtensionRegisteredInCodeReplacesTheDefaultCheckOfItsClass() {
		EngineExecutionResults results = launch(SuiteFixtures.RegisteredInCode.class, Map.of(AUTODETECTION, "true"));

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
	}

	@Test
	void aBadPropertyFailsNamingIt() {
		EngineExecutionResults results = launch(SuiteFixtures.Unannotated.class,
				Map.of(AUTODETECTION, "true", SuiteSettings.MODE, "per_suite"));

		assertThat(results.allEvents().failed().stream().map(SuiteCheckTests::throwable)).isNotEmpty()
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
				.hasMessage("Configuration parameter leakwatch.test.mode is 'per_suite', expected "
						+ "per_method or per_class"));
	}

	@Test
	void theSummaryAtTheEndOfTheRunGroupsLeakingTestsByCauseAndCallSite(@TempDir Path dir) throws IOException {
		Path summaryFile = dir.resolve("leaks.txt");
		LauncherFactory.create()
			.execute(LauncherDiscoveryRequestBuilder.request()
				.selectors(selectClass(SuiteFixtures.FourLeaksThreeCauses.class))
				.configurationParameter(Fixture.ENABLED, "true")
				.configurationParameter(LeakSummaryListener.SUMMARY_FILE, summaryFile.toString())
				.build());

		String fixture = "dev.leakwatch.test.fixtures.SuiteFixtures$FourLeaksThreeCauses.";
		// expected output, as printed
		assertThat(Files.readString(summaryFile).replaceAll(":\\d+", ":#")).isEqualToNormalizingNewlines(
				"""

						leakwatch: 4 tests left threads running, from 3 causes:
						  2 tests: summary-pool-# created by %1$sleakAPool:#
						      SuiteFixtures.FourLeaksThreeCauses.a_leaksAPool(), SuiteFixtures.FourLeaksThreeCauses.b_leaksThePoolAgain()
						  1 test: summary-pool-# created by %1$sc_leaksAPoolOfTheSameNameFromAnotherSite:#
						      SuiteFixtures.FourLeaksThreeCauses.c_leaksAPoolOfTheSameNameFromAnotherSite()
						  1 test: summary-parked-# in dev.leakwatch.test.fixtures.Leaks.waitForRelease created by dev.leakwatch.test.fixtures.Leaks.parkedThread:#
						      SuiteFixtures.FourLeaksThreeCauses.d_leaksAParkedThread()
						"""
					.formatted(fixture));
		// end of expected output
	}

	private static EngineExecutionResults launch(Class<?> fixture, Map<String, String> parameters) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(fixture))
			.configurationParameter(Fixture.ENABLED, "true")
			.configurationParameters(parameters)
			.execute();
	}

	private static Throwable failureOf(EngineExecutionResults results, String displayName) {
		return results.testEvents()
			.failed()
			.filter((event) -> event.getTestDescriptor().getDisplayName().equals(displayName))
			.map(SuiteCheckTests::throwable)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no failure of " + displayName));
	}

	private static Duration duration(EngineExecutionResults results, String displayName) {
		List<Event> events = results.testEvents()
			.filter((event) -> event.getTestDescriptor().getDisplayName().equals(displayName))
			.toList();
		return Duration.between(events.get(0).getTimestamp(), events.get(events.size() - 1).getTimestamp());
	}

	private static Throwable throwable(Event event) {
		return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
	}

}
