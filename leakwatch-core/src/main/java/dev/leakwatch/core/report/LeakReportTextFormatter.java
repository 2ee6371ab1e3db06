package dev.leakwatch.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.leakwatch.core.origin.SiteCount;
import dev.leakwatch.core.thread.FamilyCount;
import dev.leakwatch.core.thread.GroupChange;
import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.StackGroup;

/**
 * Renders a {@link LeakReport} for a terminal: a one-line summary, then suspects,
 * deadlocks, sources, thread families, every live thread grouped by stack, largest group
 * first, with where its threads were created, and the idle-thread filters applied, the
 * defaults by count and each other one with where it came from.
 */
public final class LeakReportTextFormatter {

	private static final String INDENT = "    ";

	/** Thread names listed per suspect before {@code +N more}. */
	static final int MAX_THREAD_NAMES = 10;

	/** Sources in trouble first: most stuck, then most queued, then the oldest task. */
	private static final Comparator<SourceStats> BY_TROUBLE = Comparator.comparingLong(SourceStats::stuck)
		.thenComparingLong(SourceStats::queued)
		.thenComparingDouble(SourceStats::oldestAgeSeconds)
		.reversed()
		.thenComparing(SourceStats::source);

	/** The defaults first, then by origin and name. */
	private static final Comparator<IdleFilter> BY_ORIGIN = Comparator
		.comparing((IdleFilter filter) -> !IdleThreadFilter.DEFAULT_ORIGIN.equals(filter.origin()))
		.thenComparing(IdleFilter::origin)
		.thenComparing(IdleFilter::name);

	public String format(LeakReport report) {
		StringBuilder text = new StringBuilder(4096);
		summary(report, text);
		report.notes().forEach((note) -> text.append("note: ").append(note).append(System.lineSeparator()));
		suspects(report.suspects(), text);
		deadlocks(report.deadlocks(), text);
		sources(report.sources(), text);
		families(report.threads().families(), text);
		groups(report.groups(), text);
		idleFilters(report.idleFilters(), text);
		return text.toString();
	}

	/**
	 * Renders a diff like {@code pprof -diff_base}: each changed group with its change,
	 * largest first.
	 */
	public String format(LeakDiff diff) {
		StringBuilder text = new StringBuilder(2048);
		text.append(String.format(Locale.ROOT, "leakwatch diff %s since baseline %s: %d group%s changed%n",
				diff.timestamp(), diff.baselineTimestamp(), diff.changes().size(), plural(diff.changes().size())));
		diff.notes().forEach((note) -> text.append("note: ").append(note).append(System.lineSeparator()));
		for (GroupChange change : diff.changes()) {
			text.append(String.format(Locale.ROOT, "%n%s (%d now, %d before) @ %s %s%n", change.change(),
					change.count(), change.before(), change.state(), change.families()));
			frames(change.stack(), text);
		}
		return text.toString();
	}

	private void summary(LeakReport report, StringBuilder text) {
		int suspected = report.suspects().stream().mapToInt(Suspect::count).sum();
		text.append(String.format(Locale.ROOT,
				"leakwatch %s: %d suspect%s, %d deadlock%s, %d live threads (%d daemon, peak %d%s) in %d groups,"
						+ " stuck threshold %ss%n",
				report.timestamp(), suspected, plural(suspected), report.deadlocks().size(),
				plural(report.deadlocks().size()), report.threads().live(), report.threads().daemon(),
				report.threads().peak(),
				(report.threads().virtual() != null) ? ", " + report.threads().virtual() + " virtual" : "",
				report.groups().size(), number(report.stuckThresholdSeconds())));
	}

	private void suspects(List<Suspect> suspects, StringBuilder text) {
		text.append(String.format(Locale.ROOT, "%nSUSPECTS (%d)%n", suspects.size()));
		for (Suspect suspect : suspects) {
			text.append(String.format(Locale.ROOT, "%s x%d", suspect.kind(), suspect.count()));
			appendField(text, "source", suspect.source());
			appendField(text, "task", suspect.task());
			appendField(text, "state", suspect.state());
			appendField(text, "proof", suspect.proof());
			text.append(" oldest=")
				.append(number(suspect.oldestAgeSeconds()))
				.append('s')
				.append(System.lineSeparator());
			if (suspect.note() != null) {
				text.append(INDENT).append(suspect.note()).append(System.lineSeparator());
			}
			text.append(INDENT).append("hint: ").append(SuspectHints.of(suspect.kind())).append(System.lineSeparator());
			if (!suspect.threads().isEmpty()) {
				text.append(INDENT)
					.append("threads: ")
					.append(threadNames(suspect.threads()))
					.append(System.lineSeparator());
			}
			frames(suspect.stack(), text);
			suspect.createdBy().forEach((line) -> text.append(INDENT).append(line).append(System.lineSeparator()));
			if (!suspect.submittedFrom().isEmpty()) {
				text.append(INDENT).append("submitted from:").append(System.lineSeparator());
				frames(suspect.submittedFrom(), text);
			}
		}
	}

	private void deadlocks(List<Deadlock> deadlocks, StringBuilder text) {
		text.append(String.format(Locale.ROOT, "%nDEADLOCKS (%d)%n", deadlocks.size()));
		for (Deadlock deadlock : deadlocks) {
			text.append(String.format(Locale.ROOT, "deadlock of %d threads%n", deadlock.threads().size()));
			for (Deadlock.DeadlockedThread thread : deadlock.threads()) {
				text.append(String.format(Locale.ROOT, "  \"%s\" %s waiting for %s held by \"%s\"%n", thread.name(),
						thread.state(), thread.lock(), thread.lockOwner()));
				frames(thread.stack(), text);
			}
		}
	}

	private void sources(List<SourceStats> sources, StringBuilder text) {
		text.append(String.format(Locale.ROOT, "%nSOURCES (%d)%n", sources.size()));
		for (SourceStats source : sources.stream().sorted(BY_TROUBLE).toList()) {
			text.append(String.format(Locale.ROOT, "  %s [%s] active=%d queued=%d stuck=%d completed=%d oldest=%ss%n",
					source.source(), source.kind(), source.active(), source.queued(), source.stuck(),
					source.completed(), number(source.oldestAgeSeconds())));
		}
	}

	private void families(List<FamilyCount> families, StringBuilder text) {
		text.append(String.format(Locale.ROOT, "%nTHREAD FAMILIES (%d)%n", families.size()));
		for (FamilyCount family : families) {
			text.append(String.format(Locale.ROOT, "  %6d  %s%n", family.count(), family.family()));
		}
	}

	private void groups(List<StackGroup> groups, StringBuilder text) {
		text.append(String.format(Locale.ROOT, "%nTHREADS BY STACK (%d groups)%n", groups.size()));
		for (StackGroup group : groups) {
			text.append(String.format(Locale.ROOT, "%n%d @ %s %s%s%n", group.count(), group.state(), group.families(),
					group.idle() ? " (idle)" : ""));
			frames(group.stack(), text);
			for (SiteCount created : group.createdBy()) {
				created.createdByLines(group.count())
					.forEach((line) -> text.append(INDENT).append(line).append(System.lineSeparator()));
			}
		}
	}

	private void idleFilters(List<IdleFilter> filters, StringBuilder text) {
		if (filters.isEmpty()) {
			return;
		}
		List<IdleFilter> sorted = filters.stream().sorted(BY_ORIGIN).toList();
		Map<String, Long> byKind = sorted.stream()
			.collect(Collectors.groupingBy(IdleFilter::originKind, LinkedHashMap::new, Collectors.counting()));
		List<String> counts = new ArrayList<>();
		byKind.forEach((kind, count) -> counts.add(count + " " + kind));
		text.append(String.format(Locale.ROOT, "%nIDLE FILTERS (%d: %s)%n", filters.size(), String.join(", ", counts)));
		for (IdleFilter filter : sorted) {
			if (!IdleThreadFilter.DEFAULT_ORIGIN.equals(filter.origin())) {
				text.append(String.format(Locale.ROOT, "  %s  (%s)%n", filter.name(), filter.origin()));
			}
		}
	}

	/**
	 * The names in natural order ({@code report-2} before {@code report-10}), the first
	 * few and {@code +N more}.
	 */
	static String threadNames(List<String> names) {
		List<String> sorted = names.stream().sorted(NaturalOrder.INSTANCE).toList();
		String shown = String.join(", ", sorted.subList(0, Math.min(sorted.size(), MAX_THREAD_NAMES)));
		return (sorted.size() > MAX_THREAD_NAMES) ? shown + ", +" + (sorted.size() - MAX_THREAD_NAMES) + " more"
				: shown;
	}

	private void frames(List<String> frames, StringBuilder text) {
		for (String frame : frames) {
			text.append(INDENT).append("at ").append(frame).append(System.lineSeparator());
		}
	}

	private static void appendField(StringBuilder text, String name, Object value) {
		if (value != null) {
			text.append(' ').append(name).append('=').append(value);
		}
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	private static String plural(int count) {
		return (count == 1) ? "" : "s";
	}

}
