package dev.leakwatch.test;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import dev.leakwatch.test.fixtures.Fixture;
import dev.leakwatch.test.fixtures.Leaks;
import dev.leakwatch.test.fixtures.ModeFixtures;
import dev.leakwatch.test.fixtures.PlainFixtures;
import dev.leakwatch.test.fixtures.SpringFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs fixture classes through the JUnit Platform and checks what the extension made of
 * them: a leaking test fails with its leaked threads grouped by stack, a clean one
 * passes. Checked itself: every fixture thread is released after each test.
 */
@VerifyNoLeakedThreads
class NoLeakedThreadsExtensionTests {

	@AfterEach
	void releaseFixtureThreads() throws InterruptedException {
		Leaks.releaseAll();
	}

	@Test
	void aThreadParkedForeverFailsTheTestWithItsGroupedStack() {
		EngineExecutionResults results = launch(PlainFixtures.ParkedThread.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		assertThat(failure(results.testEvents(), "parksForever()")).isInstanceOf(AssertionError.class)
			.message()
			.containsPattern("^\\Q1 thread started during PlainFixtures.ParkedThread.parksForever() is still alive "
					+ "after \\E\\d+ms:")
			.contains("x1 state=WAITING daemon=true family=leaky-parked-#", "threads: leaky-parked-1", "at java.base",
					"java.util.concurrent.CountDownLatch.await(",
					"dev.leakwatch.test.fixtures.Leaks.waitForRelease(Leaks.java:")
			.contains("ignoreThreadNames, ignoreFrames or ignoreTopFrames");
	}

	@Test
	void anExecutorNeverShutDownFailsTheTest() {
		EngineExecutionResults results = launch(PlainFixtures.ExecutorNeverShutDown.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		assertThat(failure(results.testEvents(), "createsAnExecutorAndForgetsIt()").getMessage()).contains(
				"1 thread started during", "x1 state=WAITING daemon=true family=leaky-pool-#", "threads: leaky-pool-1",
				"java.util.concurrent.ThreadPoolExecutor.getTask(");
	}

	@Test
	void cleanTestsPassAndThreadsThatFinishWithinTheGracePeriodAreNotBlamed() {
		EngineExecutionResults results = launch(PlainFixtures.CleanTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(5).succeeded(5).failed(0));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	@Test
	void aThreadWithAnIgnoredNameIsNoLeakButOneWithAnotherNameIs() {
		EngineExecutionResults results = launch(PlainFixtures.IgnoredName.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(failure(results.testEvents(), "leaksAThreadWithAnotherName()").getMessage())
			.contains("threads: leaky-ignored-x")
			.doesNotContain("leaky-ignored-1");
	}

	@Test
	void aThreadWithAnIgnoredFrameAnywhereInItsStackIsNoLeak() {
		EngineExecutionResults results = launch(PlainFixtures.IgnoredFrame.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
	}

	@Test
	void anIgnoredTopFrameMatchesTheInnermostFrameOnly() {
		EngineExecutionResults results = launch(PlainFixtures.IgnoredTopFrame.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(failure(results.testEvents(), "leaksAThreadWithTheIgnoredFrameBelowTheTop()").getMessage())
			.contains("threads: leaky-below-top-1", "dev.leakwatch.test.fixtures.Leaks.waitForRelease(");
	}

	@Test
	void perMethodBlamesTheMethodThatStartedTheThreadAndNotBeforeAll() {
		EngineExecutionResults results = launch(ModeFixtures.PerMethodHandOver.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
		assertThat(failure(results.testEvents(), "startsAThread()").getMessage()).contains("threads: handed-over-1")
			.doesNotContain("class-scoped-1");
	}

	@Test
	void perClassLetsOneTestStopAThreadAnotherStarted() {
		EngineExecutionResults results = launch(ModeFixtures.PerClassHandOver.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	@Test
	void perClassFailsTheClassForAThreadItsBeforeAllKeeps() {
		EngineExecutionResults results = launch(ModeFixtures.PerClassKeepsBeforeAllThread.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		results.containerEvents().assertStatistics((stats) -> stats.failed(1));
		assertThat(failure(results.containerEvents(), "PerClassKeepsBeforeAllThread").getMessage())
			.startsWith("1 thread started during ModeFixtures.PerClassKeepsBeforeAllThread (checked per class)")
			.contains("threads: class-scoped-1");
	}

	@Test
	void threadsStartedWhileTheTestInstanceIsPostProcessedBelongToTheFixtureInBothModes() {
		ModeFixtures.reset();
		EngineExecutionResults perMethod = launch(ModeFixtures.PerMethodWithThreadsFromPostProcessing.class);
		ModeFixtures.reset();
		EngineExecutionResults perClass = launch(ModeFixtures.PerClassWithThreadsFromPostProcessing.class);

		for (EngineExecutionResults results : List.of(perMethod, perClass)) {
			results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
			results.containerEvents().assertStatistics((stats) -> stats.failed(0));
		}
	}

	@Test
	void threadsOfTheSpringContextAreNotLeaksPerMethodButATestsOwnThreadIs() {
		EngineExecutionResults results = launch(SpringFixtures.PerMethod.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
		assertThat(failure(results.testEvents(), "leaksItsOwnThread()").getMessage())
			.contains("1 thread started", "threads: leaky-in-spring-1")
			.doesNotContain("context-pool");
	}

	@Test
	void threadsOfTheSpringContextAreNotLeaksPerClass() {
		EngineExecutionResults results = launch(SpringFixtures.PerClass.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	@Test
	void aVirtualThreadParkedForeverFailsTheTestOnJdk21AndLater() {
		assumeTrue(Runtime.version().feature() >= 21,
				"JDK 17 has no virtual threads (and the ThreadMXBean never lists them: leakwatch-test reads "
						+ "the JDK 21+ thread dump for them)");
		EngineExecutionResults results = launch(PlainFixtures.ParkedVirtualThread.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(failure(results.testEvents(), "parksAVirtualThreadForever()").getMessage())
			.contains("1 thread started during", "x1 virtual state=WAITING daemon=true family=leaky-virtual-#",
					"threads: leaky-virtual-1", "dev.leakwatch.test.fixtures.Leaks.waitForRelease(")
			.doesNotContain("ForkJoinPool-", "VirtualThread-unblocker");
	}

	@Test
	void anInvalidOptionFailsTheClassNamingIt() {
		EngineExecutionResults results = launch(PlainFixtures.InvalidPattern.class);

		results.testEvents().assertStatistics((stats) -> stats.started(0));
		assertThat(failure(results.containerEvents(), "InvalidPattern"))
			.isInstanceOf(ExtensionConfigurationException.class)
			.hasMessageContaining("@VerifyNoLeakedThreads on ")
			.hasMessageContaining("'leaky-['");
	}

	@Test
	void onAMethodOnlyThatMethodIsChecked() {
		EngineExecutionResults results = launch(PlainFixtures.OneMethodChecked.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(failure(results.testEvents(), "checkedAndLeaking()").getMessage())
			.contains("threads: leaky-checked-1")
			.doesNotContain("leaky-unchecked-1");
	}

	@Test
	void aPerClassExtensionInAnInstanceFieldIsRejected() {
		EngineExecutionResults results = launch(PlainFixtures.PerClassInAnInstanceField.class);

		assertThat(failure(results.testEvents(), "neverRuns()")).isInstanceOf(ExtensionConfigurationException.class)
			.hasMessageContaining("static field");
	}

	private static EngineExecutionResults launch(Class<?> fixture) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(fixture))
			.configurationParameter(Fixture.ENABLED, "true")
			.execute();
	}

	/**
	 * The one failure of the test or class displayed as {@code displayName} (a nested
	 * class's as Outer$Name).
	 */
	private static Throwable failure(Events events, String displayName) {
		List<Event> failed = events.failed()
			.filter((event) -> event.getTestDescriptor().getDisplayName().equals(displayName)
					|| event.getTestDescriptor().getDisplayName().endsWith("$" + displayName))
			.toList();
		assertThat(failed).as("failures of %s", displayName).hasSize(1);
		return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
	}

}
