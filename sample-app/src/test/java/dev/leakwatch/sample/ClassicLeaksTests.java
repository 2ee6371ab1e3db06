package dev.leakwatch.sample;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each classic leak of the sample, made over HTTP, and exactly what leakwatch suspects of
 * it: the leaks on {@code reportExecutor} as their stuck tasks, the scheduler and HTTP
 * leaks by their own rules, the thread leaks outside any bean by the growth of their
 * family (and nothing below the growth rule's increase, 20); every one undone by reset.
 * Same properties as {@link SampleApplicationTests}, so both share one application
 * context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "leakwatch.stuck-threshold=1s",
		"leakwatch.sample-interval=200ms", "sample.inbox.tick=150ms", "sample.inbox.slow-every=20" })
class ClassicLeaksTests {

	private static final Duration DETECTION = Duration.ofSeconds(15);

	private SampleClient sample;

	@LocalServerPort
	void connect(int port) {
		this.sample = new SampleClient(port);
	}

	@AfterEach
	void reset() {
		this.sample.resetAndAwaitHealthy();
	}

	@ParameterizedTest(name = "{0}: {1} tasks stuck on reportExecutor")
	@CsvSource({ "blocked-put, PublishReport", "blocked-take, AwaitOrder", "future, AwaitQuote", "latch, AwaitBatch",
			"orphaned-consumer, ConsumeLines" })
	void executorLeaksAreStuckTasks(String leak, String task) {
		this.sample.leak(leak, 3); // three of the four workers: the healthy reports still
									// get through
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects())
				.containsExactly("STUCK_TASK reportExecutor " + task + " x3"));
	}

	@Test
	void theProofProvesAConsumerWhoseProducerLeftButNotAPutTheSampleCanStillRelease() {
		this.sample.leak("orphaned-consumer", 2);
		this.sample.leak("blocked-put", 1);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects()).containsExactlyInAnyOrder(
					"STUCK_TASK reportExecutor ConsumeLines x2", "STUCK_TASK reportExecutor PublishReport x1"));
		// only the consumers' own tasks know their queues; the sample keeps blocked-put's
		// queue to release it
		assertThat(this.sample.provenSuspects()).containsExactlyInAnyOrder(
				"STUCK_TASK reportExecutor ConsumeLines x2 unreachable",
				"STUCK_TASK reportExecutor PublishReport x1 reachable");
	}

	@Test
	void aTaskBlockedForeverOnTheCommonPoolIsStuckUnderThePool() {
		this.sample.leak("common-pool", 1);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects()).containsExactly("STUCK_TASK ForkJoinPool.commonPool"
					+ " dev.leakwatch.sample.leaks.CommonPoolBlock.awaitConfirmation x1"));
	}

	@Test
	void twentyTimersNeverCancelledAreThreadGrowth() {
		this.sample.leak("timer", 20);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects())
				.containsExactly("THREAD_GROWTH invoice-reminder-# null x20"));
	}

	@Test
	void aLockNeverReleasedShowsItsHolderAndEveryoneBehindIt() {
		this.sample.leak("lock", 2);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects()).containsExactlyInAnyOrder(
					"STUCK_TASK reportExecutor HoldLedger x1", "STUCK_TASK reportExecutor PostToLedger x2"));
		// the holder waits for a latch, not for a lock the postings hold: no cycle, so no
		// deadlock
		assertThat(this.sample.leaks().path("deadlocks").isEmpty()).isTrue();
	}

	@Test
	void twoDeadlocksAreTwoCycles() {
		this.sample.leak("deadlock", 2);
		await().atMost(DETECTION).untilAsserted(() -> {
			assertThat(this.sample.leaks().path("deadlocks")).hasSize(2);
			assertThat(this.sample.leaks().path("deadlocks").findValuesAsString("name"))
				.containsExactlyInAnyOrder("transfer-1", "audit-1", "transfer-2", "audit-2");
		});
	}

	@Test
	void aFewThreadsPerRequestGrowTheirFamilyBelowTheGrowthRule() {
		this.sample.leak("thread", 5);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.threadsInFamily("import-watcher-#")).isEqualTo(5));
		assertThat(this.sample.suspects()).isEmpty();
		this.sample.reset();
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.threadsInFamily("import-watcher-#")).isZero());
	}

	@Test
	void twentyThreadsOfOneFamilyAreThreadGrowth() {
		this.sample.leak("thread", 20);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects())
				.containsExactly("THREAD_GROWTH import-watcher-# null x20"));
	}

	@Test
	void aFewExecutorsPerRequestLeaveIdleWorkersBelowTheGrowthRule() {
		int before = this.sample.threadsInFamily("pool-#-thread-#");
		this.sample.leak("executor", 3);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.threadsInFamily("pool-#-thread-#")).isEqualTo(before + 6));
		assertThat(this.sample.suspects()).isEmpty(); // idle pool workers are never
														// suspects by themselves
		this.sample.reset();
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.threadsInFamily("pool-#-thread-#")).isEqualTo(before));
	}

	@Test
	void twentyExecutorsNeverShutDownAreExecutorGrowth() {
		this.sample.leak("executor", 20);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects())
				.containsExactly("EXECUTOR_GROWTH pool-#-thread-# null x20"));
	}

	@Test
	void periodicTasksNeverCancelledGrowAndRaiseTheSchedulerRate() throws InterruptedException {
		this.sample.leak("periodic", 20);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects())
				.containsExactly("PERIODIC_TASK_GROWTH taskScheduler RefreshPrices x20"));
		// 20 tasks once a second for 3 seconds is 60 runs
		assertThat(unscheduledRunsIn(Duration.ofSeconds(3))).isGreaterThanOrEqualTo(40);
		this.sample.reset();
		// a run under way when it was cancelled may still end (one scheduler thread), and
		// a healthy job may end between the reads of one report's counts
		assertThat(unscheduledRunsIn(Duration.ofSeconds(3))).isLessThanOrEqualTo(2);
	}

	@Test
	void aHungScheduledJobIsStuckAndStarvesTheOtherJobs() {
		this.sample.leak("scheduled-hang", 1);
		// the job, the call it waits for, and the two jobs it starves on Boot's one
		// scheduler thread
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects()).containsExactlyInAnyOrder(
					"SCHEDULED_STUCK InventorySync.sync InventorySync.sync x1",
					"SCHEDULER_STARVED taskScheduler InventorySync.sync x2",
					"HTTP_STUCK GET 127.0.0.1/upstream/inventory GET 127.0.0.1/upstream/inventory x1"));
		// the healthy reports are submitted by a @Scheduled job: while the scheduler
		// thread hangs, none come
		await().atMost(DETECTION).untilAsserted(() -> assertThat(reportsIn(Duration.ofMillis(1500))).isZero());
		this.sample.reset();
		await().atMost(DETECTION).untilAsserted(() -> assertThat(reportsIn(Duration.ofMillis(1500))).isPositive());
	}

	@Test
	void aWebClientCallWithoutTimeoutIsStuck() {
		this.sample.leak("webclient", 2);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects())
				.containsExactly("HTTP_STUCK GET 127.0.0.1/upstream/stalled GET 127.0.0.1/upstream/stalled x2"));
		assertThat(this.sample.outstanding()).containsEntry("webclient", 2);
		this.sample.reset();
		assertThat(this.sample.outstanding()).containsEntry("webclient", 0);
	}

	@Test
	void aResponseBodyNeverConsumedIsUnconsumed() {
		this.sample.leak("unconsumed-body", 2);
		await().atMost(DETECTION)
			.untilAsserted(() -> assertThat(this.sample.suspects())
				.containsExactly("UNCONSUMED_RESPONSE GET 127.0.0.1/upstream/report GET 127.0.0.1/upstream/report x2"));
		this.sample.reset();
		assertThat(this.sample.outstanding()).containsEntry("unconsumed-body", 0);
	}

	@ParameterizedTest(name = "{0} takes 1 to {1}")
	@CsvSource({ "blocked-put, 50", "blocked-take, 50", "future, 50", "latch, 50", "lock, 50", "deadlock, 10",
			"periodic, 50", "executor, 50", "thread, 50", "webclient, 10", "unconsumed-body, 10", "scheduled-hang, 1",
			"orphaned-consumer, 50", "timer, 50" })
	void badCountsAreClearErrors(String leak, int max) {
		String allowed = (max == 1) ? "1" : "a whole number from 1 to " + max;
		for (String count : new String[] { "0", String.valueOf(max + 1), "two" }) {
			this.sample.http()
				.post()
				.uri("/leaks/{leak}?count={count}", leak, count)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("count for " + leak + " must be " + allowed + ", was '" + count + "'");
		}
		assertThat(this.sample.outstanding()).containsEntry(leak, 0);
	}

	@Test
	void anUnknownLeakIsNotFound() {
		this.sample.http()
			.post()
			.uri("/leaks/goroutine")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).startsWith("no leak named 'goroutine'; there are [")
				.contains("blocked-put", "scheduled-hang"));
	}

	/**
	 * Runs on {@code taskScheduler} of tasks other than its {@code @Scheduled} methods:
	 * the periodic leak's, without the healthy jobs, whose rate a stall of the one
	 * scheduler thread makes burst as a fixed rate catches up.
	 */
	private long unscheduledRunsIn(Duration window) throws InterruptedException {
		long before = this.sample.unscheduledRuns("taskScheduler");
		Thread.sleep(window.toMillis());
		return this.sample.unscheduledRuns("taskScheduler") - before;
	}

	private long reportsIn(Duration window) throws InterruptedException {
		long before = this.sample.completed("reportExecutor", "executor");
		Thread.sleep(window.toMillis());
		return this.sample.completed("reportExecutor", "executor") - before;
	}

}
