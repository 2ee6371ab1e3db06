package dev.leakwatch.core.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a factory family's pool number is read from a thread name. */
class ThreadGrowthRuleTest {

	@Test
	void poolIsTheFirstOfTwoOrMoreNumbers() {
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("pool-12-thread-3")).isEqualTo("12");
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("7x8")).isEqualTo("7");
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("ForkJoinPool-1-worker-25")).isEqualTo("1");
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("worker-25")).isNull();
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("main")).isNull();
		assertThat(ThreadGrowthRule.firstOfTwoNumbers("")).isNull();
	}

}
