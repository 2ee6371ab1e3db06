package dev.leakwatch.core.thread;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Families fold numbered thread names so that they stay few enough to be meter tags. */
class ThreadFamiliesTest {

	@Test
	void everyRunOfDigitsFoldsToOneHash() {
		assertThat(ThreadFamilies.familyOf("pool-3-thread-7")).isEqualTo("pool-#-thread-#");
		assertThat(ThreadFamilies.familyOf("pool-12-thread-345")).isEqualTo("pool-#-thread-#");
		assertThat(ThreadFamilies.familyOf("http-nio-8080-exec-10")).isEqualTo("http-nio-#-exec-#");
		assertThat(ThreadFamilies.familyOf("idle-1")).isEqualTo("idle-#");
		assertThat(ThreadFamilies.familyOf("42")).isEqualTo("#");
	}

	@Test
	void namesWithoutDigitsAreTheirOwnFamily() {
		assertThat(ThreadFamilies.familyOf("main")).isEqualTo("main");
		assertThat(ThreadFamilies.familyOf("Reference Handler")).isEqualTo("Reference Handler");
	}

	@Test
	void missingNamesAreUnnamed() {
		assertThat(ThreadFamilies.familyOf(null)).isEqualTo("unnamed");
		assertThat(ThreadFamilies.familyOf("")).isEqualTo("unnamed");
	}

	@Test
	void longNamesAreCut() {
		String family = ThreadFamilies.familyOf("worker-" + "x".repeat(200) + "-1");
		assertThat(family).hasSize(80).startsWith("worker-xxx");
	}

	@Test
	void countKeepsTheLargestFamiliesAndSumsTheRestAsOther() {
		List<String> names = new ArrayList<>();
		names(names, "pool-1-thread-", 5);
		names(names, "http-nio-8080-exec-", 3);
		names(names, "scheduling-", 2);
		names(names, "lonely-", 1);
		names.add("main");
		List<FamilyCount> counts = ThreadFamilies.count(names, 2);
		assertThat(counts).containsExactly(new FamilyCount("pool-#-thread-#", 5),
				new FamilyCount("http-nio-#-exec-#", 3), new FamilyCount(ThreadFamilies.OTHER, 4));
	}

	@Test
	void countHasNoOtherWhenEveryFamilyFits() {
		List<String> names = new ArrayList<>();
		names(names, "b-", 2);
		names(names, "a-", 2);
		names(names, "c-", 3);
		// largest first, ties by name, so that the order is stable from one scrape to the
		// next
		assertThat(ThreadFamilies.count(names, 3)).containsExactly(new FamilyCount("c-#", 3), new FamilyCount("a-#", 2),
				new FamilyCount("b-#", 2));
		assertThat(ThreadFamilies.count(List.of(), 3)).isEmpty();
	}

	private static void names(List<String> names, String prefix, int count) {
		for (int i = 1; i <= count; i++) {
			names.add(prefix + i);
		}
	}

}
