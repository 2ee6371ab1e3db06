package dev.leakwatch.core.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.leakwatch.core.task.TrackingExecutorServiceTest.awaitLatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A source's counts, kept by each running thread apart and by the submitters in striped
 * adders: what readers see when runs nest, when one thread runs several sources, and when
 * the threads that counted die.
 */
class TaskSourceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TaskTracker tracker = new TaskTracker(false);

	private final List<ExecutorService> executors = new ArrayList<>();

	@AfterEach
	void shutDown() throws InterruptedException {
		for (ExecutorService executor : this.executors) {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		this.tracker.close();
	}

	@Test
	void oneThreadCountsTheRunsOfEachSourceApartAlsoWhenTheyNest() {
		TaskSource orders = this.tracker.source("orders", TaskKind.EXECUTOR);
		TaskSource mails = this.tracker.source("mails", TaskKind.EXECUTOR);
		AtomicReference<String> seenInside = new AtomicReference<>();
		Runnable mail = this.tracker.trackRuns(mails, () -> seenInside
			.set(orders.active() + " " + mails.active() + " " + this.tracker.running().get(0).source().name()));
		Runnable order = this.tracker.trackRuns(orders, mail);
		order.run();
		assertThat(seenInside).hasValue("1 1 mails");
		this.tracker.trackRuns(mails, () -> {
		}).run();
		order.run();
		assertThat(orders.completed()).isEqualTo(2);
		assertThat(mails.completed()).isEqualTo(3);
		assertThat(orders.active()).isZero();
		assertThat(mails.active()).isZero();
		assertThat(this.tracker.running()).isEmpty();
	}

	@Test
	void scheduledMethodRunsCountForTheirSchedulerToo() throws Exception {
		TaskSource scheduler = this.tracker.source("taskScheduler", TaskKind.SCHEDULER);
		TaskSource method = this.tracker.scheduledSource("Jobs.poll", scheduler);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Runnable blocking = this.tracker.trackRuns(method, () -> {
			started.countDown();
			try {
				awaitLatch(release);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		Thread running = new Thread(blocking, "scheduled-method");
		running.start();
		awaitLatch(started);
		assertThat(method.active()).isEqualTo(1);
		assertThat(scheduler.active()).isEqualTo(1);
		release.countDown();
		running.join(TIMEOUT.toMillis());
		this.tracker.trackRuns(scheduler, () -> {
		}).run();
		assertThat(method.completed()).isEqualTo(1);
		assertThat(scheduler.completed()).isEqualTo(2);
		assertThat(scheduler.active()).isZero();
		assertThat(scheduler.queued()).isZero();
	}

	@Test
	void countsOfThreadsThatDiedAreKeptAndNoCountEverGoesDown() throws Exception {
		TaskSource source = this.tracker.source("churn", TaskKind.EXECUTOR);
		// workers that time out after 1 ms idle: between bursts they die, and the next
		// burst starts new ones; each burst is submitted by a thread of its own that
		// dies after it, so the submitters' counts are folded too
		ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
				new NamedThreads("churn-"));
		pool.allowCoreThreadTimeOut(true);
		this.executors.add(pool);
		ExecutorService executor = new TrackingExecutorService(pool, source);
		AtomicBoolean done = new AtomicBoolean();
		List<String> violations = new ArrayList<>();
		Thread reader = new Thread(() -> {
			long completed = 0;
			long submitted = 0;
			while (!done.get() && violations.isEmpty()) {
				long queued = source.queued();
				long active = source.active();
				long now = source.completed();
				long submittedNow = source.submittedCount();
				if (now < completed || submittedNow < submitted || active > 4 || queued < 0) {
					violations.add("completed " + completed + " then " + now + ", submitted " + submitted + " then "
							+ submittedNow + ", active " + active);
				}
				completed = now;
				submitted = submittedNow;
			}
		}, "churn-reader");
		reader.start();
		int bursts = 20;
		int perBurst = 1000;
		for (int burst = 0; burst < bursts; burst++) {
			Thread submitter = new Thread(() -> {
				for (int i = 0; i < perBurst; i++) {
					executor.execute(() -> {
					});
				}
			}, "churn-submitter");
			submitter.start();
			submitter.join(TIMEOUT.toMillis());
			await().atMost(TIMEOUT).until(() -> pool.getPoolSize() == 0);
		}
		done.set(true);
		reader.join(TIMEOUT.toMillis());
		assertThat(violations).isEmpty();
		assertThat(pool.getCompletedTaskCount()).isEqualTo(bursts * perBurst);
		assertThat(source.completed()).isEqualTo(bursts * perBurst);
		assertThat(source.submittedCount()).isEqualTo(bursts * perBurst);
		assertThat(source.dequeuedCount()).isEqualTo(bursts * perBurst);
		assertThat(source.queued()).isZero();
		assertThat(source.active()).isZero();
	}

}
