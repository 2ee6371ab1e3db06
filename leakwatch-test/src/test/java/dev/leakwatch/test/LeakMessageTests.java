package dev.leakwatch.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a reported thread shows: its state, whether it is a daemon, and its stack through
 * its application code.
 */
class LeakMessageTests {

	private static final int DEPTH = 12;

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> started = new ArrayList<>();

	@AfterEach
	void releaseThreads() throws InterruptedException {
		this.release.countDown();
		for (Thread thread : this.started) {
			thread.join();
		}
	}

	@Test
	void theStackIsShownThroughItsFirstApplicationFramesThenCut() throws InterruptedException {
		Baseline baseline = Baseline.take();
		start("deep-1", true, () -> descend(DEPTH));

		String message = report(baseline);

		assertThat(message).contains("x1 state=WAITING daemon=true family=deep-#",
				"java.util.concurrent.CountDownLatch.await(");
		assertThat(message.lines().filter((line) -> line.contains("(LeakMessageTests.java:")))
			.hasSize(LeakMessage.APPLICATION_FRAMES);
		assertThat(message).containsPattern("\\.\\.\\. \\d+ more");
	}

	@Test
	void aGroupOfDaemonsAndOthersSaysHowManyAreDaemons() throws InterruptedException {
		Baseline baseline = Baseline.take();
		Runnable waiting = this::await;
		start("mixed-1", true, waiting);
		start("mixed-2", false, waiting);

		assertThat(report(baseline)).contains("x2 state=WAITING daemon=1 of 2 family=mixed-#",
				"threads: mixed-1, mixed-2");
	}

	private String report(Baseline baseline) throws InterruptedException {
		LeakCheckOptions options = NoLeakedThreadsExtension.builder().settle(Duration.ofMillis(200)).options();
		LeakCheck.Outcome outcome = LeakCheck.leakedThreads(baseline, options);
		return LeakMessage.format("during a test", outcome.waited(), outcome.threads());
	}

	private void start(String name, boolean daemon, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(daemon);
		this.started.add(thread);
		thread.start();
	}

	private void descend(int depth) {
		if (depth == 0) {
			await();
		}
		else {
			descend(depth - 1);
		}
	}

	private void await() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
