package dev.leakwatch.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.origin.SiteCount;
import dev.leakwatch.core.thread.StackGroup;
import dev.leakwatch.core.thread.StackGroups;
import dev.leakwatch.core.thread.ThreadStack;
import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * The failure message: leaked threads grouped by state and stack, largest group first, as
 * in leakwatch's dump; each group says whether its threads are daemons, shows its stack
 * through its first application frames and where its threads were created. Threads
 * started by a static initializer follow in a part of their own.
 */
final class LeakMessage {

	static final int MAX_FRAMES = 40;

	/**
	 * The stack is shown through this many application frames (fewer if it has fewer),
	 * then cut.
	 */
	static final int APPLICATION_FRAMES = 5;

	static final int MAX_NAMES = 10;

	private static final String INDENT = "    ";

	private static final String NL = System.lineSeparator();

	private LeakMessage() {
	}

	static String format(String where, Duration waited, FoundThreads threads) {
		List<NewThread> leaked = threads.leaked();
		StringBuilder text = new StringBuilder(2048);
		text.append(count(leaked.size()))
			.append(" started ")
			.append(where)
			.append(leaked.size() == 1 ? " is" : " are")
			.append(" still alive after ")
			.append(duration(waited))
			.append(':')
			.append(NL);
		groups(leaked, text);
		List<NewThread> apart = threads.fromStaticInitializers();
		if (!apart.isEmpty()) {
			text.append(NL)
				.append("Also alive, ")
				.append(count(apart.size()))
				.append(" started by a static initializer: one per JVM, not this test's leak")
				.append(" (staticInitializerThreads FAIL fails on them, IGNORE leaves them out):")
				.append(NL);
			groups(apart, text);
		}
		text.append(NL)
			.append("Stop the threads a test starts (shut executors down, join or interrupt threads) before it ends,")
			.append(" or expect them with ignoreThreadNames, ignoreFrames or ignoreTopFrames.")
			.append(" Threads in an untimed wait (WAITING) get the settle time at most, the others up to maxWait.");
		return text.toString();
	}

	private static String count(int threads) {
		return threads + ((threads == 1) ? " thread" : " threads");
	}

	private static void groups(List<NewThread> threads, StringBuilder text) {
		List<ThreadStack> platform = new ArrayList<>();
		List<ThreadStack> virtual = new ArrayList<>();
		for (NewThread thread : threads) {
			(thread.virtual() ? virtual : platform).add(thread.stack());
		}
		groupsOfKind(platform, "", text);
		groupsOfKind(virtual, " virtual", text);
	}

	private static void groupsOfKind(List<ThreadStack> threads, String kind, StringBuilder text) {
		Map<List<Object>, Members> members = new LinkedHashMap<>();
		for (ThreadStack thread : threads) {
			members.computeIfAbsent(key(thread.state(), thread.frameLines()), (key) -> new Members(thread)).add(thread);
		}
		for (StackGroup group : StackGroups.group(threads, (thread) -> false, CreatedBy::siteOf)) {
			Members groupMembers = members.get(key(group.state(), group.stack()));
			text.append(NL)
				.append('x')
				.append(group.count())
				.append(kind)
				.append(" state=")
				.append(group.state())
				.append(" daemon=")
				.append(groupMembers.daemon())
				.append(" family=")
				.append(String.join(", ", group.families()))
				.append(NL);
			List<String> groupNames = groupMembers.names;
			text.append(INDENT)
				.append("threads: ")
				.append(String.join(", ", groupNames.subList(0, Math.min(MAX_NAMES, groupNames.size()))));
			if (groupNames.size() > MAX_NAMES) {
				text.append(", ... ").append(groupNames.size() - MAX_NAMES).append(" more");
			}
			text.append(NL);
			List<String> stack = group.stack();
			int shown = Math.min(MAX_FRAMES, ApplicationCode.framesThrough(groupMembers.frames, APPLICATION_FRAMES));
			for (String frame : stack.subList(0, shown)) {
				text.append(INDENT).append("at ").append(frame).append(NL);
			}
			if (stack.size() > shown) {
				text.append(INDENT).append("... ").append(stack.size() - shown).append(" more").append(NL);
			}
			for (SiteCount created : group.createdBy()) {
				created.createdByLines(group.count()).forEach((line) -> text.append(INDENT).append(line).append(NL));
			}
		}
	}

	/**
	 * The threads of one group: their names, whether they are daemons, and their shared
	 * stack.
	 */
	private static final class Members {

		private final List<String> names = new ArrayList<>();

		private final List<StackTraceElement> frames;

		private int daemons;

		Members(ThreadStack first) {
			this.frames = first.frames();
		}

		void add(ThreadStack thread) {
			this.names.add(thread.name().isEmpty() ? "<unnamed>" : thread.name());
			this.daemons += thread.daemon() ? 1 : 0;
		}

		String daemon() {
			if (this.daemons == 0 || this.daemons == this.names.size()) {
				return String.valueOf(this.daemons > 0);
			}
			return this.daemons + " of " + this.names.size();
		}

	}

	private static List<Object> key(Thread.State state, List<String> stack) {
		return List.of(state, stack);
	}

	static String duration(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000 || millis % 100 != 0) {
			return millis + "ms";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s"
				: String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
	}

}
