package dev.leakwatch.core.detect;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.thread.IdleThreads;
import org.junit.jupiter.api.AfterEach;
import dev.leakwatch.core.CapturedLogs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The background sampler: one daemon thread, every interval, surviving a failing
 * listener, gone once closed.
 */
class LeakSamplerTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final LeakSampler sampler = new LeakSampler(new LeakDetector(new TaskTracker(false),
			DetectorSettings.defaults().withTiming(Duration.ofMillis(300), Duration.ofMillis(20))));

	@AfterEach
	void close() {
		this.sampler.close();
	}

	@Test
	void samplesEveryIntervalOnItsOwnDaemonThread() {
		List<Sample> samples = new CopyOnWriteArrayList<>();
		List<Thread> samplingThreads = new CopyOnWriteArrayList<>();
		this.sampler.addListener((sample) -> {
			samples.add(sample);
			samplingThreads.add(Thread.currentThread());
		});
		assertThat(this.sampler.isRunning()).isFalse();
		this.sampler.start();
		assertThat(this.sampler.isRunning()).isTrue();
		await().atMost(TIMEOUT).until(() -> samples.size() >= 3);
		assertThat(samplingThreads).allSatisfy((thread) -> {
			assertThat(thread.getName()).isEqualTo(IdleThreads.SAMPLER_THREAD_NAME);
			assertThat(thread.isDaemon()).isTrue();
		});
		assertThat(samples).allSatisfy((sample) -> assertThat(sample.families()).isNotEmpty());
	}

	@Test
	void startTwiceKeepsOneThread() {
		this.sampler.start();
		this.sampler.start();
		await().atMost(TIMEOUT).until(() -> samplerThreads().size() == 1);
		assertThat(samplerThreads()).hasSize(1);
	}

	@Test
	void failingListenerIsLoggedAndTheNextSampleRunsAsUsual() {
		List<LogRecord> records = new CopyOnWriteArrayList<>();
		CapturedLogs.capturing(LeakSampler.class, records, () -> {
			IllegalStateException failure = new IllegalStateException("first sample's listener fails");
			AtomicInteger calls = new AtomicInteger();
			this.sampler.addListener((sample) -> {
				if (calls.incrementAndGet() == 1) {
					throw failure;
				}
			});
			this.sampler.start();
			await().atMost(TIMEOUT).until(() -> calls.get() >= 3);
			assertThat(records).singleElement().satisfies((record) -> {
				assertThat(record.getLevel()).isEqualTo(Level.WARNING);
				assertThat(record.getThrown()).isSameAs(failure);
			});
			return null;
		});
	}

	@Test
	void closeStopsTheThreadAndStartWorksAgain() {
		AtomicInteger calls = new AtomicInteger();
		this.sampler.addListener((sample) -> calls.incrementAndGet());
		this.sampler.start();
		await().atMost(TIMEOUT).until(() -> calls.get() >= 1);
		this.sampler.close();
		assertThat(this.sampler.isRunning()).isFalse();
		await().atMost(TIMEOUT).until(() -> samplerThreads().isEmpty());
		int afterClose = calls.get();
		this.sampler.start();
		await().atMost(TIMEOUT).until(() -> calls.get() > afterClose);
		this.sampler.close();
		this.sampler.close(); // closing twice is harmless
	}

	@Test
	void latestIsWhatTheLastSampleFound() {
		LeakDetector detector = new LeakDetector(new TaskTracker(false), DetectorSettings.defaults());
		assertThat(detector.latest()).isSameAs(Sample.EMPTY);
		Sample sample = detector.sample();
		assertThat(detector.latest()).isSameAs(sample);
		assertThat(Optional.of(detector.settings())).contains(DetectorSettings.defaults());
	}

	private static List<Thread> samplerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(IdleThreads.SAMPLER_THREAD_NAME))
			.toList();
	}

}
