package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand threads stuck on one call are one suspect with a count, not a thousand
 * suspects.
 */
class SuspectCollectorTest {

	private static final List<String> PUT = List
		.of("java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:1)", "com.example.Job.run(Job.java:2)");

	private static final List<String> READ = List.of("sun.nio.ch.SocketDispatcher.read0(Native Method)");

	@Test
	void sameKindSourceAndStackFold() {
		SuspectCollector collector = new SuspectCollector();
		collector.add(suspect(SuspectKind.STUCK_TASK, "orders", "Job", 1, 2.0, Thread.State.WAITING, List.of("w-1"),
				PUT, List.of("com.example.Web.a(Web.java:1)")));
		collector.add(suspect(SuspectKind.STUCK_TASK, "orders", "OlderJob", 1, 9.5, Thread.State.WAITING,
				List.of("w-2"), PUT, List.of("com.example.Web.b(Web.java:2)")));
		collector.add(suspect(SuspectKind.STUCK_TASK, "orders", "Job", 1, 4.0, Thread.State.WAITING, List.of("w-3"),
				PUT, List.of()));
		assertThat(collector.suspects()).singleElement().satisfies((suspect) -> {
			assertThat(suspect.count()).isEqualTo(3);
			assertThat(suspect.threads()).containsExactly("w-1", "w-2", "w-3");
			// the oldest one speaks for the group
			assertThat(suspect.oldestAgeSeconds()).isEqualTo(9.5);
			assertThat(suspect.task()).isEqualTo("OlderJob");
			assertThat(suspect.submittedFrom()).containsExactly("com.example.Web.b(Web.java:2)");
			assertThat(suspect.stack()).isEqualTo(PUT);
		});
	}

	@Test
	void differentStackSourceOrKindStayApart() {
		SuspectCollector collector = new SuspectCollector();
		collector.add(suspect(SuspectKind.STUCK_TASK, "orders", "Job", 1, 1, Thread.State.WAITING, List.of("a"), PUT,
				List.of()));
		collector.add(suspect(SuspectKind.STUCK_TASK, "orders", "Job", 1, 1, Thread.State.RUNNABLE, List.of("b"), READ,
				List.of()));
		collector.add(suspect(SuspectKind.STUCK_TASK, "billing", "Job", 1, 1, Thread.State.WAITING, List.of("c"), PUT,
				List.of()));
		collector.add(suspect(SuspectKind.STARVED_QUEUE, "orders", null, 4, 1, null, List.of("a"), PUT, List.of()));
		List<Suspect> suspects = collector.suspects();
		assertThat(suspects).hasSize(4);
		// most first
		assertThat(suspects.get(0).kind()).isEqualTo(SuspectKind.STARVED_QUEUE);
		assertThat(suspects.get(0).count()).isEqualTo(4);
	}

	@Test
	void suspectsAreSortedByCountAndImmutable() {
		SuspectCollector collector = new SuspectCollector();
		collector.add(suspect(SuspectKind.STUCK_TASK, "one", "Job", 1, 1, Thread.State.WAITING, List.of("a"), PUT,
				List.of()));
		collector.add(suspect(SuspectKind.STUCK_TASK, "two", "Job", 1, 1, Thread.State.WAITING, List.of("b"), PUT,
				List.of()));
		collector.add(suspect(SuspectKind.STUCK_TASK, "two", "Job", 1, 1, Thread.State.WAITING, List.of("c"), PUT,
				List.of()));
		assertThat(collector.suspects()).extracting(Suspect::source).containsExactly("two", "one");
		assertThat(collector.suspects()).isUnmodifiable();
	}

	@Test
	void sampleCountsSuspectsByKind() {
		Sample sample = new Sample(java.util.Map.of(),
				List.of(new Suspect(SuspectKind.STUCK_TASK, "a", "Job", 3, 1, Thread.State.WAITING, List.of(), PUT,
						List.of(), null, null),
						new Suspect(SuspectKind.STUCK_TASK, "b", "Job", 2, 1, Thread.State.WAITING, List.of(), READ,
								List.of(), null, null),
						new Suspect(SuspectKind.DEADLOCK, null, null, 2, 0, Thread.State.BLOCKED, List.of(), READ,
								List.of(), null, null)),
				2, List.of());
		assertThat(sample.suspectCount(SuspectKind.STUCK_TASK)).isEqualTo(5);
		assertThat(sample.suspectCount(SuspectKind.STARVED_QUEUE)).isZero();
		assertThat(sample.suspectCounts()).containsEntry(SuspectKind.STUCK_TASK, 5)
			.containsEntry(SuspectKind.STARVED_QUEUE, 0)
			.containsEntry(SuspectKind.DEADLOCK, 2);
		assertThat(Sample.EMPTY.suspectCounts()).containsOnlyKeys(SuspectKind.values()).doesNotContainValue(1);
	}

	private static Suspect suspect(SuspectKind kind, String source, String task, int count, double ageSeconds,
			Thread.State state, List<String> threads, List<String> stack, List<String> submittedFrom) {
		return new Suspect(kind, source, task, count, ageSeconds, state, threads, stack, submittedFrom, null, null);
	}

	@Test
	void secondsAreRoundedToATenth() {
		assertThat(LeakDetector.seconds(0)).isEqualTo(0.0);
		assertThat(LeakDetector.seconds(1_549_000_000L)).isEqualTo(1.5);
		assertThat(LeakDetector.seconds(1_550_000_000L)).isEqualTo(1.6);
		assertThat(LeakDetector.seconds(60_000_000_000L)).isEqualTo(60.0);
	}

}
