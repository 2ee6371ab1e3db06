package dev.leakwatch.core.detect;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.leakwatch.core.report.LeakDiff;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff and the report show the application's threads: not leakwatch's own, not
 * threads that only churn.
 */
class DiffNoiseTest {

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicBoolean churning = new AtomicBoolean(true);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.churning.set(false);
	}

	@Test
	void diffLeavesOutChurnAndLeakwatchsOwnThreadsButNotALastingChange() throws Exception {
		LeakDetector detector = new LeakDetector(new TaskTracker(false),
				DetectorSettings.defaults().withTiming(Duration.ofSeconds(1), Duration.ofMillis(100)));
		detector.recordBaseline();
		Thread churner = new Thread(() -> {
			for (int i = 0; this.churning.get(); i++) {
				new Thread(() -> sleep(20), "churn-" + i).start();
				sleep(5);
			}
		}, "churner");
		churner.setDaemon(true);
		churner.start();
		for (int i = 0; i < 3; i++) {
			Thread lasting = new Thread(this::awaitRelease, "lasting-" + i);
			lasting.setDaemon(true);
			lasting.start();
		}
		Thread.sleep(100);
		LeakDiff diff = detector.diff();
		assertThat(diff.changes()).noneMatch((change) -> change.families().contains("churn-#"));
		assertThat(diff.changes())
			.noneMatch((change) -> change.families().stream().anyMatch((family) -> family.startsWith("leakwatch-")));
		assertThat(diff.changes()).anySatisfy((change) -> {
			assertThat(change.families()).containsExactly("lasting-#");
			assertThat(change.delta()).isEqualTo(3);
		});
		assertThat(diff.notes()).anyMatch((note) -> note.contains("churn, not change"));
	}

	@Test
	void reportLeavesOutItsOwnRequestThreadAndLeakwatchsThreads() {
		LeakDetector detector = new LeakDetector(new TaskTracker(false), DetectorSettings.defaults());
		LeakReport report = detector.report();
		assertThat(report.groups())
			.noneMatch((group) -> group.families().stream().anyMatch((family) -> family.startsWith("leakwatch-")));
		assertThat(report.groups())
			.noneMatch((group) -> group.stack().stream().anyMatch((frame) -> frame.contains("LeakDetector.report")));
		assertThat(report.notes()).anyMatch((note) -> note.contains("of leakwatch's own threads"));
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
