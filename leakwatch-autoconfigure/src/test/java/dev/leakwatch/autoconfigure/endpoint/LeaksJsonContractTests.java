package dev.leakwatch.autoconfigure.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.origin.SiteCount;
import dev.leakwatch.core.proof.ProofResult;
import dev.leakwatch.core.proof.ThreadVerdict;
import dev.leakwatch.core.proof.Verdict;
import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.IdleFilter;
import dev.leakwatch.core.report.LeakDiff;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.report.ThreadSummary;
import dev.leakwatch.core.thread.FamilyCount;
import dev.leakwatch.core.thread.GroupChange;
import dev.leakwatch.core.thread.StackGroup;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON contract of {@code /actuator/leaks}, pinned: every field of every shape, by
 * name. A field may be added (add it here and to the README); one renamed or removed
 * fails this test, whatever the core's records do.
 */
class LeaksJsonContractTests {

	/** Every field of the report, {@code []} marking the elements of an array. */
	static final Set<String> REPORT_FIELDS = Set.of("timestamp", "stuckThresholdSeconds", "threads", "threads.live",
			"threads.daemon", "threads.peak", "threads.virtual", "threads.families", "threads.families[]",
			"threads.families[].family", "threads.families[].count", "sources", "sources[]", "sources[].source",
			"sources[].kind", "sources[].active", "sources[].queued", "sources[].stuck", "sources[].completed",
			"sources[].oldestAgeSeconds", "sources[].periodic", "suspects", "suspects[]", "suspects[].kind",
			"suspects[].source", "suspects[].task", "suspects[].count", "suspects[].oldestAgeSeconds",
			"suspects[].state", "suspects[].threads", "suspects[].threads[]", "suspects[].stack", "suspects[].stack[]",
			"suspects[].submittedFrom", "suspects[].submittedFrom[]", "suspects[].note", "suspects[].proof",
			"suspects[].createdBy", "suspects[].createdBy[]", "groups", "groups[]", "groups[].count", "groups[].state",
			"groups[].families", "groups[].families[]", "groups[].idle", "groups[].stack", "groups[].stack[]",
			"groups[].createdBy", "groups[].createdBy[]", "groups[].createdBy[].site", "groups[].createdBy[].site.kind",
			"groups[].createdBy[].site.via", "groups[].createdBy[].site.frames", "groups[].createdBy[].site.frames[]",
			"groups[].createdBy[].count", "deadlocks", "deadlocks[]", "deadlocks[].threads", "deadlocks[].threads[]",
			"deadlocks[].threads[].name", "deadlocks[].threads[].state", "deadlocks[].threads[].lock",
			"deadlocks[].threads[].lockOwner", "deadlocks[].threads[].stack", "deadlocks[].threads[].stack[]", "notes",
			"notes[]", "idleFilters", "idleFilters[]", "idleFilters[].name", "idleFilters[].origin", "proof",
			"proof.timestamp", "proof.dumpMillis", "proof.analysisMillis", "proof.heapUsedBytes", "proof.dumpBytes",
			"proof.objects", "proof.leakedBytes", "proof.leakedObjects", "proof.threads", "proof.threads[]",
			"proof.threads[].name", "proof.threads[].state", "proof.threads[].virtual", "proof.threads[].verdict",
			"proof.threads[].blocker", "proof.notCovered", "proof.notCovered[]");

	/**
	 * Every field of {@code /actuator/leaks/diff} and of the answer to
	 * {@code POST /actuator/leaks}.
	 */
	static final Set<String> DIFF_FIELDS = Set.of("timestamp", "baselineTimestamp", "changes", "changes[]",
			"changes[].change", "changes[].delta", "changes[].count", "changes[].before", "changes[].state",
			"changes[].families", "changes[].families[]", "changes[].stack", "changes[].stack[]", "notes", "notes[]");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void reportWithEveryFieldSetHasThePinnedFields() {
		assertThat(fieldsOf(LeaksDescriptor.of(fullReport(), fullProof())))
			.containsExactlyInAnyOrderElementsOf(REPORT_FIELDS);
	}

	@Test
	void diffWithEveryFieldSetHasThePinnedFields() {
		GroupChange change = new GroupChange("+2", 2, 3, 1, Thread.State.WAITING, List.of("worker-#"),
				List.of("java.base/java.lang.Object.wait(Native Method)"));
		LeakDiff diff = new LeakDiff(Instant.EPOCH, Instant.EPOCH, List.of(change), List.of("a note"));
		assertThat(fieldsOf(DiffDescriptor.of(diff))).containsExactlyInAnyOrderElementsOf(DIFF_FIELDS);
	}

	/**
	 * The paths of every field in {@code body} as JSON, {@code []} marking the elements
	 * of an array.
	 */
	static Set<String> fieldsOf(Object body) {
		Set<String> fields = new TreeSet<>();
		collect(json.valueToTree(body), "", fields);
		return fields;
	}

	private static void collect(JsonNode node, String path, Set<String> fields) {
		if (node.isObject()) {
			for (String name : node.propertyNames()) {
				String field = path.isEmpty() ? name : path + "." + name;
				fields.add(field);
				collect(node.get(name), field, fields);
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				fields.add(path + "[]");
				collect(element, path + "[]", fields);
			}
		}
	}

	private static LeakReport fullReport() {
		List<String> stack = List.of("java.base/java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:1)");
		Suspect suspect = new Suspect(SuspectKind.STUCK_TASK, "reportExecutor", "BlockedPut", 1, 2.5,
				Thread.State.WAITING, List.of("report-1"), stack, List.of("com.example.Orders.place(Orders.java:42)"),
				"a note", "unreachable", List.of("created by com.example.Orders.start(Orders.java:12)"));
		CreationSite site = CreationSite.recorded("java.lang.Thread.start",
				List.of("com.example.Orders.start(Orders.java:12)"));
		StackGroup group = new StackGroup(3, Thread.State.WAITING, List.of("report-#"), false, stack,
				List.of(new SiteCount(site, 3)));
		Deadlock deadlock = new Deadlock(List.of(new Deadlock.DeadlockedThread("deadlock-a", Thread.State.WAITING,
				"java.util.concurrent.locks.ReentrantLock$NonfairSync@1", "deadlock-b", stack)));
		return new LeakReport(Instant.EPOCH, 1.0,
				new ThreadSummary(57, 40, 61, List.of(new FamilyCount("report-#", 3)), 9),
				List.of(new SourceStats("reportExecutor", "executor", 1, 1, 1, 2, 2.5, 0)), List.of(suspect),
				List.of(group), List.of(deadlock), List.of("a note"),
				List.of(new IdleFilter("idle pool worker", "default")));
	}

	private static ProofResult fullProof() {
		ThreadVerdict verdict = new ThreadVerdict(7, "report-1", Thread.State.WAITING, false, Verdict.UNREACHABLE,
				"java.util.concurrent.SynchronousQueue", List.of());
		return new ProofResult(Instant.EPOCH, Duration.ofMillis(40), Duration.ofMillis(300), 1_000_000, 900_000, 5000,
				List.of(verdict), 128, 3, List.of("not covered"));
	}

}
