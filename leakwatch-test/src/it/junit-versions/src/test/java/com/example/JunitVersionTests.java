package com.example;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs on the JUnit the build chose, itself checked by the one-line setup of src/test/resources, and launches
 * {@link LeakingFixture} the way Surefire does: the leak fails its test, the clean test passes, so does the test
 * that starts a library's static Timer, and the run ends with the summary, that Timer apart.
 */
class JunitVersionTests {

	@AfterEach
	void stopTheFixturesPool() throws InterruptedException {
		if (LeakingFixture.pool != null) {
			LeakingFixture.pool.shutdownNow();
			LeakingFixture.pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	@Test
	void theProjectsOwnJunitVersionWins() {
		assertEquals(System.getProperty("junit.version"), Test.class.getPackage().getImplementationVersion());
	}

	@Test
	void everyTestIsCheckedAndTheRunEndsWithTheSummary(@TempDir Path dir) throws Exception {
		Path summary = dir.resolve("leaks.txt");
		SummaryGeneratingListener results = new SummaryGeneratingListener();
		System.setProperty(LeakingFixture.ENABLED, "true");
		try {
			LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
				.selectors(selectClass(LeakingFixture.class))
				.configurationParameter("leakwatch.test.summary-file", summary.toString())
				.build(), results);
		}
		finally {
			System.clearProperty(LeakingFixture.ENABLED);
		}

		TestExecutionSummary run = results.getSummary();
		assertEquals(3, run.getTestsStartedCount());
		assertEquals(1, run.getTestsFailedCount());
		String failure = run.getFailures().get(0).getException().getMessage();
		assertTrue(failure.matches("(?s)\\Q1 thread started during LeakingFixture.leaksAPool() is still alive after "
				+ "\\E\\d+ms:.*"), failure);
		assertTrue(failure.contains("state=WAITING daemon=false family=pool-#-thread-#"), failure);
		String text = Files.readString(summary);
		assertTrue(text.contains("leakwatch: 1 test left threads running, from 1 cause:"), text);
		assertTrue(text.contains("leakwatch: 1 test started threads by a static initializer, from 1 cause:"), text);
		assertTrue(text.contains("shared-timer created by com.example.SharedTimer.<clinit>:"), text);
	}

}
