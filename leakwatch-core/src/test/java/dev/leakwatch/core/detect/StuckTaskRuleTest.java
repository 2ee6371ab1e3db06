package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import org.junit.jupiter.api.Test;

import static dev.leakwatch.core.detect.Tracks.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link StuckTaskRule} over hand-built snapshots of workers no bean owns. */
class StuckTaskRuleTest {

	private static final long NOW = 1_000 * SECOND;

	private final StuckTaskRule rule = new StuckTaskRule();

	@Test
	void workerInOneWaitPastTheThresholdIsStuckUnderItsPool() {
		List<Suspect> suspects = evaluate(
				Tracks.waiting(7, "pool-3-thread-1", NOW - 11 * SECOND, 42, Tracks.PARKED_ON_LATCH));
		assertThat(suspects).singleElement().satisfies((suspect) -> {
			assertThat(suspect.kind()).isEqualTo(SuspectKind.STUCK_TASK);
			assertThat(suspect.source()).isEqualTo("pool-#-thread-#");
			assertThat(suspect.task()).isEqualTo("com.example.Orders.place");
			assertThat(suspect.oldestAgeSeconds()).isEqualTo(11.0);
			assertThat(suspect.threads()).containsExactly("pool-3-thread-1");
		});
	}

	@Test
	void commonPoolWorkerIsNamedAfterTheCommonPool() {
		List<Suspect> suspects = evaluate(
				Tracks.waiting(7, "ForkJoinPool.commonPool-worker-2", NOW - 11 * SECOND, 42, Tracks.PARKED_ON_LATCH));
		assertThat(suspects).singleElement()
			.satisfies((suspect) -> assertThat(suspect.source()).isEqualTo("ForkJoinPool.commonPool"));
	}

	@Test
	void waitShorterThanTheThresholdIsNotStuck() {
		assertThat(evaluate(Tracks.waiting(7, "pool-3-thread-1", NOW - 9 * SECOND, 42, Tracks.PARKED_ON_LATCH)))
			.isEmpty();
	}

	@Test
	void waitSeenByOneSampleOnlyIsNotStuck() {
		assertThat(evaluate(
				Tracks.firstSeen(Tracks.waiting(7, "pool-3-thread-1", NOW - 11 * SECOND, 42, Tracks.PARKED_ON_LATCH))))
			.isEmpty();
	}

	@Test
	void workerWaitingAgainOnALockItWokeFromIsALoopNotStuck() {
		assertThat(evaluate(
				Tracks.looping(Tracks.waiting(7, "pool-3-thread-1", NOW - 60 * SECOND, 42, Tracks.PARKED_ON_LATCH))))
			.isEmpty();
	}

	@Test
	void idleWorkerAndSubtaskJoinAreNotStuck() {
		assertThat(evaluate(Tracks.waiting(7, "pool-3-thread-1", NOW - 60 * SECOND, 42, Tracks.IDLE_WORKER),
				Tracks.waiting(8, "ForkJoinPool-1-worker-1", NOW - 60 * SECOND, 43, Tracks.JOINING)))
			.isEmpty();
	}

	@Test
	void threadThatIsNoPoolWorkerIsLeftToTheGrowthRule() {
		assertThat(evaluate(Tracks.waiting(7, "poller", NOW - 60 * SECOND, 42, Tracks.RAW_PARKED))).isEmpty();
	}

	private List<Suspect> evaluate(ThreadTrack... threads) {
		Evaluation evaluation = new Evaluation();
		this.rule.evaluate(Tracks.snapshot(NOW, threads), new History(), evaluation);
		return evaluation.suspects.suspects();
	}

}
