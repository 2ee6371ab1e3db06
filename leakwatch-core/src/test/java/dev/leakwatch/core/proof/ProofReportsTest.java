package dev.leakwatch.core.proof;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.report.ThreadSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proof merged into a report: verdicts on the suspects, and proven leaks no rule
 * suspected.
 */
class ProofReportsTest {

	private static final List<String> PUT = List.of(
			"java.base/java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:1)",
			"com.example.OrderJob.run(OrderJob.java:2)");

	private static final List<String> TAKE = List.of(
			"java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:1)",
			"java.base/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:2)");

	private static final List<String> AWAIT = List
		.of("java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:1)");

	@Test
	void suspectWhoseThreadsAreAllProvenLeakedIsUnreachable() {
		LeakReport report = ProofReports.withProof(report(suspect(SuspectKind.STUCK_TASK, "orders-1", "orders-2")),
				proof(unreachable("orders-1", PUT), unreachable("orders-2", PUT)));
		assertThat(report.suspects()).singleElement().satisfies((suspect) -> {
			assertThat(suspect.kind()).isEqualTo(SuspectKind.STUCK_TASK);
			assertThat(suspect.proof()).isEqualTo("unreachable");
		});
	}

	@Test
	void suspectWithAThreadThatCouldStillBeWokenIsReachable() {
		LeakReport report = ProofReports.withProof(report(suspect(SuspectKind.DEADLOCK, "a", "b")),
				proof(unreachable("a", PUT), verdict("b", Verdict.REACHABLE, PUT)));
		assertThat(report.suspects()).filteredOn((suspect) -> suspect.kind() == SuspectKind.DEADLOCK)
			.singleElement()
			.extracting(Suspect::proof)
			.isEqualTo("reachable");
		// the one proven leaked is still reported
		assertThat(report.suspects()).filteredOn((suspect) -> suspect.kind() == SuspectKind.UNREACHABLE_WAIT)
			.singleElement()
			.satisfies((suspect) -> assertThat(suspect.threads()).containsExactly("a"));
	}

	@Test
	void suspectWhoseThreadsWereNotJudgedHasNoProof() {
		LeakReport report = ProofReports.withProof(
				report(suspect(SuspectKind.STUCK_TASK, "sleeper"), suspect(SuspectKind.STARVED_QUEUE),
						suspect(SuspectKind.STUCK_TASK, "orders-1", "unknown-1")),
				proof(unreachable("orders-1", PUT), verdict("unknown-1", Verdict.UNKNOWN, PUT)));
		assertThat(report.suspects()).filteredOn((suspect) -> suspect.kind() != SuspectKind.UNREACHABLE_WAIT)
			.extracting(Suspect::proof)
			.containsOnlyNulls();
	}

	@Test
	void provenLeaksNoRuleSuspectedBecomeUnreachableWaitsGroupedByStack() {
		LeakReport report = ProofReports.withProof(report(suspect(SuspectKind.STUCK_TASK, "orders-1")),
				proof(unreachable("orders-1", PUT), unreachable("pool-3-thread-1", TAKE),
						unreachable("pool-3-thread-2", TAKE), unreachable("import", AWAIT),
						verdict("pool-1-thread-1", Verdict.REACHABLE, TAKE)));
		assertThat(report.suspects()).extracting(Suspect::kind)
			.containsExactly(SuspectKind.UNREACHABLE_WAIT, SuspectKind.STUCK_TASK, SuspectKind.UNREACHABLE_WAIT);
		Suspect workers = report.suspects().get(0);
		assertThat(workers.count()).isEqualTo(2);
		assertThat(workers.threads()).containsExactly("pool-3-thread-1", "pool-3-thread-2");
		assertThat(workers.stack()).isEqualTo(TAKE);
		assertThat(workers.state()).isEqualTo(Thread.State.WAITING);
		assertThat(workers.proof()).isEqualTo("unreachable");
		assertThat(workers.note()).isEqualTo(
				"waits on java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject, which no live thread"
						+ " can reach");
		assertThat(report.suspects().get(2).threads()).containsExactly("import");
		assertThat(report.suspects()).flatExtracting(Suspect::threads).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@EnumSource(value = SuspectKind.class, names = "UNREACHABLE_WAIT", mode = EnumSource.Mode.EXCLUDE)
	void suspectOfEveryKindWhoseThreadsAreAllProvenLeakedIsUnreachable(SuspectKind kind) {
		Suspect suspect = new Suspect(kind, "orders", null, 2, 61, null, List.of("orders-1", "orders-2"), List.of(),
				List.of(), null, null);
		LeakReport report = ProofReports.withProof(report(suspect),
				proof(unreachable("orders-1", PUT), unreachable("orders-2", TAKE)));
		assertThat(report.suspects()).singleElement().satisfies((proven) -> {
			assertThat(proven.kind()).isEqualTo(kind);
			assertThat(proven.proof()).isEqualTo("unreachable");
		});
	}

	@Test
	void threadsOfOneNameAreToldApartByTheSuspectsStack() {
		LeakReport report = ProofReports.withProof(report(suspect(SuspectKind.STUCK_TASK, "worker")), proof(
				unreachable("worker", PUT), verdict("worker", Verdict.REACHABLE, TAKE), unreachable("worker", AWAIT)));
		assertThat(report.suspects()).filteredOn((suspect) -> suspect.kind() == SuspectKind.STUCK_TASK)
			.singleElement()
			.extracting(Suspect::proof)
			.isEqualTo("unreachable");
		// the other proven-leaked thread of that name is not the suspect's: it is
		// reported on its own
		assertThat(report.suspects()).filteredOn((suspect) -> suspect.kind() == SuspectKind.UNREACHABLE_WAIT)
			.singleElement()
			.satisfies((suspect) -> assertThat(suspect.stack()).isEqualTo(AWAIT));
	}

	@Test
	void nameThatMatchesThreadsWithDifferentVerdictsOnTheSuspectsStackProvesNothing() {
		LeakReport report = ProofReports.withProof(report(suspect(SuspectKind.STUCK_TASK, "job")),
				proof(unreachable("job", PUT), verdict("job", Verdict.REACHABLE, PUT)));
		assertThat(report.suspects()).filteredOn((suspect) -> suspect.kind() == SuspectKind.STUCK_TASK)
			.singleElement()
			.extracting(Suspect::proof)
			.isNull();
	}

	@Test
	void suspectNamingEveryThreadOfARepeatedNameIsReachableWhenOneOfThemIs() {
		LeakReport report = ProofReports.withProof(report(suspect(SuspectKind.STUCK_TASK, "job", "job")),
				proof(unreachable("job", PUT), verdict("job", Verdict.REACHABLE, PUT)));
		assertThat(report.suspects()).filteredOn((suspect) -> suspect.kind() == SuspectKind.STUCK_TASK)
			.singleElement()
			.extracting(Suspect::proof)
			.isEqualTo("reachable");
	}

	@Test
	void whatTheProofFoundAndDidNotCoverIsNoted() {
		LeakReport report = ProofReports.withProof(report(), new ProofResult(Instant.EPOCH, Duration.ofMillis(7),
				Duration.ofMillis(40), 1, 1, 1, List.of(), 0, 0, List.of("2 threads wait on nothing the dump names")));
		assertThat(report.notes()).containsExactly(
				"heap proof: 0 of 0 threads waiting without a timeout proven leaked, holding 0 bytes in 0 objects;"
						+ " dump 7 ms (the JVM pauses), analysis 40 ms, 1 objects",
				"heap proof: 2 threads wait on nothing the dump names");
	}

	private static LeakReport report(Suspect... suspects) {
		return new LeakReport(Instant.EPOCH, 60, new ThreadSummary(10, 5, 12, List.of()), List.of(), List.of(suspects),
				List.of(), List.of());
	}

	private static Suspect suspect(SuspectKind kind, String... threads) {
		return new Suspect(kind, "orders", null, Math.max(1, threads.length), 61, Thread.State.WAITING,
				List.of(threads), PUT, List.of(), null, null);
	}

	private static ProofResult proof(ThreadVerdict... threads) {
		return new ProofResult(Instant.EPOCH, Duration.ofMillis(40), Duration.ofMillis(900), 64L << 20, 30L << 20,
				100_000, List.of(threads), 1024, 10, List.of());
	}

	private static ThreadVerdict unreachable(String name, List<String> stack) {
		return verdict(name, Verdict.UNREACHABLE, stack);
	}

	private static ThreadVerdict verdict(String name, Verdict verdict, List<String> stack) {
		String blocker = (stack == TAKE) ? "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"
				: "java.util.concurrent.SynchronousQueue$TransferStack";
		return new ThreadVerdict(name.hashCode(), name, Thread.State.WAITING, false, verdict, blocker, stack);
	}

}
