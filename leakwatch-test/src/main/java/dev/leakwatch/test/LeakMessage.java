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
 * The failure message: leaked threads grouped by state and stack, largest group first, each group with where its
 * threads were created, as in leakwatch's dump.
 */
final class LeakMessage {

	static final int MAX_FRAMES = 40;

	static final int MAX_NAMES = 10;

	private static final String INDENT = "    ";

	private static final String NL = System.lineSeparator();

	private LeakMessage() {
	}

	static String format(String where, Duration waited, List<NewThread> leaked) {
		List<ThreadStack> platform = new ArrayList<>();
		List<ThreadStack> virtual = new ArrayList<>();
		for (NewThread thread : leaked) {
			(thread.virtual() ? virtual : platform).add(thread.stack());
		}
		StringBuilder text = new StringBuilder(2048);
		text.append(leaked.size()).append(leaked.size() == 1 ? " thread" : " threads").append(" started ")
			.append(where).append(leaked.size() == 1 ? " is" : " are").append(" still alive after ")
			.append(duration(waited)).append(':').append(NL);
		groups(platform, "", text);
		groups(virtual, " virtual", text);
		text.append(NL)
			.append("Stop the threads a test starts (shut executors down, join or interrupt threads) before it ends,")
			.append(" or expect them with ignoreThreadNames, ignoreFrames or ignoreTopFrames.");
		return text.toString();
	}

	private static void groups(List<ThreadStack> threads, String kind, StringBuilder text) {
		Map<List<Object>, List<String>> names = new LinkedHashMap<>();
		for (ThreadStack thread : threads) {
			names.computeIfAbsent(key(thread.state(), thread.frameLines()), (key) -> new ArrayList<>())
				.add(thread.name().isEmpty() ? "<unnamed>" : thread.name());
		}
		for (StackGroup group : StackGroups.group(threads, (thread) -> false, CreatedBy::siteOf)) {
			text.append(NL).append('x').append(group.count()).append(kind).append(" state=").append(group.state())
				.append(" family=").append(String.join(", ", group.families())).append(NL);
			List<String> groupNames = names.getOrDefault(key(group.state(), group.stack()), List.of());
			text.append(INDENT).append("threads: ")
				.append(String.join(", ", groupNames.subList(0, Math.min(MAX_NAMES, groupNames.size()))));
			if (groupNames.size() > MAX_NAMES) {
				text.append(", ... ").append(groupNames.size() - MAX_NAMES).append(" more");
			}
			text.append(NL);
			List<String> stack = group.stack();
			for (String frame : stack.subList(0, Math.min(MAX_FRAMES, stack.size()))) {
				text.append(INDENT).append("at ").append(frame).append(NL);
			}
			if (stack.size() > MAX_FRAMES) {
				text.append(INDENT).append("... ").append(stack.size() - MAX_FRAMES).append(" more").append(NL);
			}
			for (SiteCount created : group.createdBy()) {
				created.createdByLines(group.count()).forEach((line) -> text.append(INDENT).append(line).append(NL));
			}
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
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : String.format(java.util.Locale.ROOT, "%.1fs",
				millis / 1000.0);
	}

}
