package com.example;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Leaks a pool and touches a library's static Timer, as a real suite would; runs only when JunitVersionTests
 * launches it.
 */
@EnabledIfSystemProperty(named = LeakingFixture.ENABLED, matches = "true")
class LeakingFixture {

	static final String ENABLED = "leaking.fixture.enabled";

	static ExecutorService pool;

	@Test
	void leaksAPool() throws Exception {
		pool = Executors.newSingleThreadExecutor();
		pool.submit(() -> 42).get();
	}

	@Test
	void startsNoThread() {
	}

	@Test
	void touchesALibrarysStaticTimer() {
		SharedTimer.TIMER.purge();
	}

}
