package dev.leakwatch.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.origin.SiteCount;
import dev.leakwatch.core.thread.FamilyCount;
import dev.leakwatch.core.thread.StackGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text form: the summary first, then the sections in the order a reader triages them.
 */
class LeakReportTextFormatterTest {

	private static final String NL = System.lineSeparator();

	private final LeakReportTextFormatter formatter = new LeakReportTextFormatter();

	@Test
	void summaryLineComesFirst() {
		String text = this.formatter.format(report());
		assertThat(text.lines().findFirst()).hasValue("leakwatch 2026-01-02T03:04:05Z: 5 suspects, 1 deadlock,"
				+ " 42 live threads (30 daemon, peak 50) in 2 groups, stuck threshold 60s");
	}

	@Test
	void sectionsComeInTriageOrder() {
		String text = this.formatter.format(report());
		assertThat(text).containsSubsequence("SUSPECTS (2)", "DEADLOCKS (1)", "SOURCES (1)", "THREAD FAMILIES (2)",
				"THREADS BY STACK (2 groups)");
	}

	@Test
	void suspectsShowKindCountFieldsThreadsStackAndSubmitSite() {
		String text = this.formatter.format(report());
		assertThat(text).contains("STUCK_TASK x3 source=orders task=OrderJob state=WAITING oldest=61.5s" + NL
				+ "    hint: " + SuspectHints.of(SuspectKind.STUCK_TASK) + NL
				+ "    threads: pool-1-thread-1, pool-1-thread-2, pool-1-thread-3" + NL
				+ "    at java.base/java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:1)" + NL
				+ "    at com.example.OrderJob.run(OrderJob.java:2)" + NL + "    submitted from:" + NL
				+ "    at com.example.Web.handle(Web.java:3)" + NL);
		// fields a suspect does not have are left out, not printed as null
		assertThat(text).contains("STARVED_QUEUE x2 source=orders oldest=70s" + NL);
		assertThat(text).doesNotContain("null");
	}

	@Test
	void everyKindHasAHintNamingTheUsualFix() {
		for (SuspectKind kind : SuspectKind.values()) {
			assertThat(SuspectHints.of(kind)).as(kind.name()).isNotBlank();
		}
	}

	@Test
	void threadNamesAreInNaturalOrderAndLongListsAreCut() {
		List<String> names = new java.util.ArrayList<>();
		for (int i = 14; i >= 1; i--) {
			names.add("report-" + i);
		}
		assertThat(LeakReportTextFormatter.threadNames(names)).isEqualTo("report-1, report-2, report-3, report-4,"
				+ " report-5, report-6, report-7, report-8, report-9, report-10, +4 more");
		assertThat(LeakReportTextFormatter.threadNames(List.of("w-10", "w-9", "w-09a"))).isEqualTo("w-9, w-09a, w-10");
	}

	@Test
	void sourcesInTroubleComeFirst() {
		LeakReport base = report();
		LeakReport report = new LeakReport(base.timestamp(), base.stuckThresholdSeconds(), base.threads(),
				List.of(new SourceStats("idle", "executor", 0, 0, 0, 10, 0, 0),
						new SourceStats("queued", "executor", 1, 7, 0, 3, 2.0, 0),
						new SourceStats("stuck", "executor", 2, 0, 2, 1, 90.0, 0)),
				base.suspects(), base.groups(), base.deadlocks());
		assertThat(this.formatter.format(report)).containsSubsequence("  stuck [executor]", "  queued [executor]",
				"  idle [executor]");
	}

	@Test
	void deadlocksShowWhoWaitsForWhom() {
		String text = this.formatter.format(report());
		assertThat(text)
			.contains("deadlock of 2 threads" + NL + "  \"a\" BLOCKED waiting for com.example.Lock@1 held by \"b\"" + NL
					+ "    at com.example.A.run(A.java:1)" + NL
					+ "  \"b\" BLOCKED waiting for com.example.Lock@2 held by \"a\"" + NL);
	}

	@Test
	void sourcesFamiliesAndGroupsArePresent() {
		String text = this.formatter.format(report());
		assertThat(text).contains("  orders [executor] active=3 queued=2 stuck=3 completed=10 oldest=61.5s" + NL);
		assertThat(text).contains("       8  pool-#-thread-#" + NL);
		assertThat(text).contains("      34  other" + NL);
		assertThat(text).contains(NL + "8 @ WAITING [pool-#-thread-#] (idle)" + NL
				+ "    at java.base/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1)" + NL);
		assertThat(text).contains(NL + "3 @ WAITING [pool-#-thread-#]" + NL);
	}

	@Test
	void groupsShowWhereTheirThreadsWereCreatedAsGoDumpsDo() {
		CreationSite reports = CreationSite.recorded("java.util.concurrent.AbstractExecutorService.submit:123",
				List.of("com.example.Reports.render:42", "com.example.Web.get:17"));
		CreationSite jobs = CreationSite.recorded(null, List.of("com.example.Jobs.start:9"));
		List<String> park = List.of("java.base/jdk.internal.misc.Unsafe.park(Native Method)");
		List<StackGroup> groups = List.of(
				new StackGroup(3, Thread.State.WAITING, List.of("pool-#-thread-#"), false, park,
						List.of(new SiteCount(reports, 2), new SiteCount(CreationSite.BEFORE_LEAKWATCH, 1))),
				new StackGroup(1, Thread.State.RUNNABLE, List.of("job-#"), false, park,
						List.of(new SiteCount(jobs, 1))));
		String text = this.formatter.format(new LeakReport(Instant.parse("2026-01-02T03:04:05Z"), 60.0,
				new ThreadSummary(4, 0, 4, List.of()), List.of(), List.of(), groups, List.of()));
		assertThat(text).contains(NL + "3 @ WAITING [pool-#-thread-#]" + NL
				+ "    at java.base/jdk.internal.misc.Unsafe.park(Native Method)" + NL
				+ "    created by com.example.Reports.render:42"
				+ " via java.util.concurrent.AbstractExecutorService.submit:123 (2 threads)" + NL
				+ "        at com.example.Web.get:17" + NL + "    created by (before leakwatch started) (1 thread)"
				+ NL);
		// one site for the whole group: no count
		assertThat(text)
			.contains(NL + "1 @ RUNNABLE [job-#]" + NL + "    at java.base/jdk.internal.misc.Unsafe.park(Native Method)"
					+ NL + "    created by com.example.Jobs.start:9" + NL);
	}

	@Test
	void emptyReportStillHasEverySection() {
		LeakReport empty = new LeakReport(Instant.parse("2026-01-02T03:04:05Z"), 0.5,
				new ThreadSummary(1, 0, 1, List.of()), List.of(), List.of(), List.of(), List.of());
		String text = this.formatter.format(empty);
		assertThat(text.lines().findFirst()).hasValue("leakwatch 2026-01-02T03:04:05Z: 0 suspects, 0 deadlocks,"
				+ " 1 live threads (0 daemon, peak 1) in 0 groups, stuck threshold 0.5s");
		assertThat(text).containsSubsequence("SUSPECTS (0)", "DEADLOCKS (0)", "SOURCES (0)", "THREAD FAMILIES (0)",
				"THREADS BY STACK (0 groups)");
	}

	@Test
	void numbersDoNotDependOnTheDefaultLocale() {
		Locale previous = Locale.getDefault();
		String expected = this.formatter.format(report());
		try {
			// a locale whose own digits are not ASCII
			Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
			assertThat(this.formatter.format(report())).isEqualTo(expected);
		}
		finally {
			Locale.setDefault(previous);
		}
	}

	private static LeakReport report() {
		List<String> getTask = List
			.of("java.base/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1)");
		List<String> put = List.of("java.base/java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:1)",
				"com.example.OrderJob.run(OrderJob.java:2)");
		Suspect stuck = new Suspect(SuspectKind.STUCK_TASK, "orders", "OrderJob", 3, 61.5, Thread.State.WAITING,
				List.of("pool-1-thread-1", "pool-1-thread-2", "pool-1-thread-3"), put,
				List.of("com.example.Web.handle(Web.java:3)"), null, null);
		Suspect starved = new Suspect(SuspectKind.STARVED_QUEUE, "orders", null, 2, 70.0, null,
				List.of("pool-1-thread-1"), put, List.of(), null, null);
		Deadlock deadlock = new Deadlock(List.of(
				new Deadlock.DeadlockedThread("a", Thread.State.BLOCKED, "com.example.Lock@1", "b",
						List.of("com.example.A.run(A.java:1)")),
				new Deadlock.DeadlockedThread("b", Thread.State.BLOCKED, "com.example.Lock@2", "a",
						List.of("com.example.B.run(B.java:1)"))));
		List<StackGroup> groups = List.of(
				new StackGroup(8, Thread.State.WAITING, List.of("pool-#-thread-#"), true, getTask),
				new StackGroup(3, Thread.State.WAITING, List.of("pool-#-thread-#"), false, put));
		return new LeakReport(Instant.parse("2026-01-02T03:04:05Z"), 60.0,
				new ThreadSummary(42, 30, 50,
						List.of(new FamilyCount("pool-#-thread-#", 8), new FamilyCount("other", 34))),
				List.of(new SourceStats("orders", "executor", 3, 2, 3, 10, 61.5, 0)), List.of(stuck, starved), groups,
				List.of(deadlock));
	}

}
