package dev.leakwatch.core.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Thread name families: every run of digits folded to {@code #}, so
 * {@code pool-3-thread-7} and {@code pool-9-thread-1} are both {@code pool-#-thread-#}.
 * Bounded so that families can be meter tags.
 */
public final class ThreadFamilies {

	/** The family every thread outside the largest families is counted under. */
	public static final String OTHER = "other";

	private static final int MAX_LENGTH = 80;

	private ThreadFamilies() {
	}

	public static String familyOf(String threadName) {
		if (threadName == null || threadName.isEmpty()) {
			return "unnamed";
		}
		StringBuilder family = new StringBuilder(Math.min(threadName.length(), MAX_LENGTH));
		boolean inDigits = false;
		for (int i = 0; i < threadName.length() && family.length() < MAX_LENGTH; i++) {
			char c = threadName.charAt(i);
			boolean digit = c >= '0' && c <= '9';
			if (!digit) {
				family.append(c);
			}
			else if (!inDigits) {
				family.append('#');
			}
			inDigits = digit;
		}
		return family.toString();
	}

	/**
	 * Counts {@code threadNames} by family, largest first: the {@code max} largest
	 * families, then the rest summed under {@link #OTHER} (when there is a rest).
	 */
	public static List<FamilyCount> count(Iterable<String> threadNames, int max) {
		Map<String, Integer> counts = new HashMap<>();
		for (String name : threadNames) {
			counts.merge(familyOf(name), 1, Integer::sum);
		}
		List<FamilyCount> families = new ArrayList<>(counts.size());
		counts.forEach((family, count) -> families.add(new FamilyCount(family, count)));
		families.sort(Comparator.comparingInt(FamilyCount::count).reversed().thenComparing(FamilyCount::family));
		if (families.size() <= max) {
			return families;
		}
		int rest = families.subList(max, families.size()).stream().mapToInt(FamilyCount::count).sum();
		List<FamilyCount> top = new ArrayList<>(families.subList(0, max));
		top.add(new FamilyCount(OTHER, rest));
		return top;
	}

}
