package dev.leakwatch.test;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import dev.leakwatch.test.fixtures.CreatedByFixtures;
import dev.leakwatch.test.fixtures.Fixture;
import dev.leakwatch.test.fixtures.Leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The failure message says where each leaked thread was started, and threads can be
 * expected by that.
 */
@VerifyNoLeakedThreads
class CreatedByTests {

	private static final String FIXTURES = "dev.leakwatch.test.fixtures.CreatedByFixtures$";

	@AfterEach
	void releaseFixtureThreads() throws InterruptedException {
		Leaks.releaseAll();
	}

	@Test
	void theFailureMessageNamesTheCallSiteThatStartedTheLeakedWorker() {
		EngineExecutionResults results = launch(CreatedByFixtures.ExecutorPerCall.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		assertThat(onlyFailure(results).getMessage())
			.contains("1 thread started during", "x1 state=WAITING daemon=true family=per-call-#",
					"threads: per-call-1")
			.containsPattern("\\R    created by \\Q" + FIXTURES + "ExecutorPerCall.leakingCall:\\E\\d+ via "
					+ "java\\.util\\.concurrent\\.AbstractExecutorService\\.submit:\\d+\\R" + "        at \\Q"
					+ FIXTURES + "ExecutorPerCall.callsTheLeakingAndTheCleanSite:\\E\\d+\\R")
			.doesNotContain("cleanCall");
	}

	@Test
	void aThreadStartedFromAnIgnoredSiteIsNoLeakButOneStartedElsewhereIs() {
		EngineExecutionResults results = launch(CreatedByFixtures.IgnoredCreator.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(onlyFailure(results).getMessage()).contains("threads: created-elsewhere-1")
			.containsPattern("created by \\Qdev.leakwatch.test.fixtures.Leaks.parkedThread:\\E\\d+\\R"
					+ "        at \\Q" + FIXTURES + "IgnoredCreator.startsFromAnotherSite:\\E\\d+\\R")
			.doesNotContain("created-ignored-1");
	}

	@Test
	void aThreadLeftToTheClassesEndIsSortedAgainThereSoAnIgnoredSiteStillCounts() {
		EngineExecutionResults results = launch(CreatedByFixtures.IgnoredCreatorOfAThreadThatMayStillEnd.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	private static EngineExecutionResults launch(Class<?> fixture) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(fixture))
			.configurationParameter(Fixture.ENABLED, "true")
			.execute();
	}

	private static Throwable onlyFailure(EngineExecutionResults results) {
		List<Event> failed = results.testEvents().failed().list();
		assertThat(failed).hasSize(1);
		return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
	}

}
