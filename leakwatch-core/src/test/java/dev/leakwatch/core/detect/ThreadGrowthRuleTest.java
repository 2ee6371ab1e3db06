package dev.leakwatch.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import org.junit.jupiter.api.Test;

import static dev.leakwatch.core.detect.Tracks.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ThreadGrowthRule} over hand-built snapshots, and how it reads pools from thread
 * names.
 */
class ThreadGrowthRuleTest {

	private static final long START = 1_000 * SECOND;

	private final ThreadGrowthRule rule = new ThreadGrowthRule();

	@Test
	void waitingThreadsStartedSinceTheFirstSampleAreGrowthForAsLongAsTheyWait() {
		History history = Tracks.historyAfterFirstSample(START, 100);
		List<ThreadTrack> leaked = parked(101, 6, START + SECOND);
		long now = START + 12 * SECOND;
		assertThat(growth(Tracks.sample(this.rule, snapshot(now, leaked), history))).singleElement()
			.satisfies((suspect) -> {
				assertThat(suspect.kind()).isEqualTo(SuspectKind.THREAD_GROWTH);
				assertThat(suspect.source()).isEqualTo("leak-#");
				assertThat(suspect.count()).isEqualTo(6);
				assertThat(suspect.oldestAgeSeconds()).isEqualTo(12.0);
			});
		// an hour later, the growth long out of every window: still there, one fewer once
		// one thread ends
		long later = now + 3_600 * SECOND;
		assertThat(growth(Tracks.sample(this.rule, snapshot(later, leaked.subList(1, 6)), history))).singleElement()
			.satisfies((suspect) -> assertThat(suspect.count()).isEqualTo(5));
	}

	@Test
	void threadThatLeavesItsWaitIsNoLongerCounted() {
		History history = Tracks.historyAfterFirstSample(START, 100);
		List<ThreadTrack> leaked = parked(101, 6, START + SECOND);
		Tracks.sample(this.rule, snapshot(START + 12 * SECOND, leaked), history);
		List<ThreadTrack> oneWoke = new ArrayList<>(leaked);
		oneWoke.set(0, Tracks.waiting(101, "leak-101", START + 13 * SECOND, 42, Tracks.RAW_PARKED));
		assertThat(growth(Tracks.sample(this.rule, snapshot(START + 14 * SECOND, oneWoke), history))).singleElement()
			.satisfies((suspect) -> assertThat(suspect.count()).isEqualTo(5));
	}

	@Test
	void threadsThereAtTheFirstSampleAreNeverGrowth() {
		History history = Tracks.historyAfterFirstSample(START, 200);
		assertThat(growth(Tracks.sample(this.rule, snapshot(START + 60 * SECOND, parked(101, 6, START)), history)))
			.isEmpty();
	}

	@Test
	void executorsPerCallAreGrowthAndOnePoolIsNot() {
		History history = Tracks.historyAfterFirstSample(START, 100);
		List<ThreadTrack> threads = new ArrayList<>();
		LongStream.range(0, 6)
			.forEach((i) -> threads
				.add(Tracks.waiting(101 + i, "worker-1", START + SECOND, (int) i + 1, Tracks.IDLE_WORKER)));
		LongStream.range(0, 12)
			.forEach((i) -> threads.add(Tracks.waiting(201 + i, "big-" + i, START + SECOND, 99, Tracks.IDLE_WORKER)));
		List<Suspect> suspects = growth(Tracks.sample(this.rule, snapshot(START + 2 * SECOND, threads), history));
		assertThat(suspects).singleElement().satisfies((suspect) -> {
			assertThat(suspect.kind()).isEqualTo(SuspectKind.EXECUTOR_GROWTH);
			assertThat(suspect.source()).isEqualTo("worker-#");
			assertThat(suspect.count()).isEqualTo(6);
		});
	}

	@Test
	void poolIsTheFirstOfTwoOrMoreNumbers() {
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("pool-12-thread-3")).isEqualTo("12");
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("7x8")).isEqualTo("7");
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("ForkJoinPool-1-worker-25")).isEqualTo("1");
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("worker-25")).isNull();
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("main")).isNull();
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("")).isNull();
	}

	private static List<ThreadTrack> parked(long firstId, int count, long sinceNanos) {
		return LongStream.range(firstId, firstId + count)
			.mapToObj((id) -> Tracks.waiting(id, "leak-" + id, sinceNanos, (int) id, Tracks.RAW_PARKED))
			.toList();
	}

	private static Snapshot snapshot(long now, List<ThreadTrack> threads) {
		return Tracks.snapshot(now, threads.toArray(ThreadTrack[]::new));
	}

	private static List<Suspect> growth(Evaluation evaluation) {
		return evaluation.suspects.suspects();
	}

}
