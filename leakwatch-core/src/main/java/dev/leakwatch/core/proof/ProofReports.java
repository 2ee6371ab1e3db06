package dev.leakwatch.core.proof;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.TreeSet;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.origin.SiteCount;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;

/** Adds what a {@link HeapProof} found to a {@link LeakReport}. */
public final class ProofReports {

	private ProofReports() {
	}

	/** One line on what a proof found and what it cost. */
	public static String summary(ProofResult proof) {
		return String.format(Locale.ROOT,
				"heap proof: %d of %d threads waiting without a timeout proven leaked, holding %d bytes in %d objects;"
						+ " dump %d ms (the JVM pauses), analysis %d ms, %d objects",
				proof.leaked().size(), proof.threads().size(), proof.leakedBytes(), proof.leakedObjects(),
				proof.dumpTime().toMillis(), proof.analysisTime().toMillis(), proof.objects());
	}

	/**
	 * {@code report} with the proof's verdicts: each suspect gets its
	 * {@link Suspect#proof()} ({@code unreachable} when every one of its threads is
	 * proven leaked, {@code reachable} when one of them could still be woken,
	 * {@code null} when the proof judged none or not all of them), whatever its kind, and
	 * each proven-leaked thread no such unreachable suspect already names becomes an
	 * {@link SuspectKind#UNREACHABLE_WAIT} suspect, folded with the others of the same
	 * state and stack, the class of what they wait on in its note. A suspect names its
	 * threads, not their ids, so threads are matched by name, and where names repeat by
	 * the suspect's state and stack too ({@link SuspectThreads}). What the proof did not
	 * cover is added to the report's notes.
	 */
	public static LeakReport withProof(LeakReport report, ProofResult proof) {
		return withProof(report, proof, null);
	}

	/**
	 * {@code report} with the proof's verdicts, as
	 * {@link #withProof(LeakReport, ProofResult)} does; each {@code UNREACHABLE_WAIT}
	 * suspect also says where its threads were created, by {@code createdBy} (thread id
	 * to site; {@code null} when not known).
	 */
	public static LeakReport withProof(LeakReport report, ProofResult proof, LongFunction<CreationSite> createdBy) {
		Map<String, List<ThreadVerdict>> byName = new LinkedHashMap<>();
		for (ThreadVerdict thread : proof.threads()) {
			byName.computeIfAbsent(thread.name(), (name) -> new ArrayList<>()).add(thread);
		}
		Set<ThreadVerdict> reported = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Suspect> suspects = new ArrayList<>(report.suspects().size());
		for (Suspect suspect : report.suspects()) {
			SuspectThreads threads = SuspectThreads.of(suspect, byName);
			Verdict verdict = threads.verdict();
			if (verdict == Verdict.UNREACHABLE) {
				reported.addAll(threads.matched());
			}
			suspects.add(withProof(suspect, verdict));
		}
		Map<Group, List<ThreadVerdict>> leaked = new LinkedHashMap<>();
		for (ThreadVerdict thread : proof.leaked()) {
			if (!reported.contains(thread)) {
				leaked.computeIfAbsent(new Group(thread.state(), thread.stack()), (group) -> new ArrayList<>())
					.add(thread);
			}
		}
		leaked.forEach((group, threads) -> suspects.add(unreachableWait(group, threads, createdBy)));
		suspects.sort(Comparator.comparingInt(Suspect::count).reversed());
		List<String> notes = new ArrayList<>(report.notes());
		notes.add(summary(proof));
		proof.notCovered().forEach((sentence) -> notes.add("heap proof: " + sentence));
		return new LeakReport(report.timestamp(), report.stuckThresholdSeconds(), report.threads(), report.sources(),
				List.copyOf(suspects), report.groups(), report.deadlocks(), List.copyOf(notes), report.idleFilters());
	}

	private static Suspect withProof(Suspect suspect, Verdict verdict) {
		return suspect.withProof((verdict != null) ? verdict.tag() : null);
	}

	private static Suspect unreachableWait(Group group, List<ThreadVerdict> threads,
			LongFunction<CreationSite> createdBy) {
		TreeSet<String> blockers = new TreeSet<>();
		threads.forEach((thread) -> blockers.add((thread.blocker() != null) ? thread.blocker() : "?"));
		String note = "waits on " + String.join(", ", blockers) + ", which no live thread can reach";
		List<String> created = (createdBy != null) ? SiteCount.createdByLines(
				SiteCount.tally(threads.stream().mapToLong(ThreadVerdict::id).toArray(), createdBy), threads.size())
				: List.of();
		return new Suspect(SuspectKind.UNREACHABLE_WAIT, null, null, threads.size(), 0, group.state(),
				threads.stream().map(ThreadVerdict::name).toList(), group.stack(), List.of(), note,
				Verdict.UNREACHABLE.tag(), created);
	}

	private record Group(Thread.State state, List<String> stack) {
	}

}
