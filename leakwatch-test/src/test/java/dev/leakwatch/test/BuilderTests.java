package dev.leakwatch.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Options are checked once, when given, and a bad one is named in the error. */
class BuilderTests {

	@Test
	void defaultsArePerMethodWithASecondToSettleTenToEndTheExpectedThreadsAndStaticInitializersReported() {
		LeakCheckOptions options = NoLeakedThreadsExtension.builder().options();

		assertThat(options.mode()).isEqualTo(CheckMode.PER_METHOD);
		assertThat(options.settle()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.maxWait()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.expected()).isEqualTo(ExpectedThreads.DEFAULTS);
		assertThat(options.staticInitializerThreads()).isEqualTo(StaticInitializerThreads.REPORT);
	}

	@Test
	void userFiltersFollowTheDefaults() {
		LeakCheckOptions options = NoLeakedThreadsExtension.builder()
			.ignoreThreadNames("grpc-.*")
			.ignoreFrames("com.example.Metrics.flushLoop")
			.ignoreTopFrames("com.example.Native$Poller.poll")
			.ignore(IdleThreads.DEFAULTS)
			.options();

		assertThat(options.expected()).startsWith(ExpectedThreads.DEFAULTS.toArray(new IdleThreadFilter[0]))
			.hasSize(ExpectedThreads.DEFAULTS.size() + 3 + IdleThreads.DEFAULTS.size());
		assertThat(options.expected().subList(ExpectedThreads.DEFAULTS.size(), ExpectedThreads.DEFAULTS.size() + 3))
			.extracting((filter) -> filter.name())
			.containsExactly("thread name grpc-.*", "frame com.example.Metrics.flushLoop",
					"top frame com.example.Native$Poller.poll");
	}

	@Test
	void aNamePatternThatIsNoRegularExpressionIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NoLeakedThreadsExtension.builder().ignoreThreadNames("worker-("))
			.withMessageContaining("'worker-('");
	}

	@Test
	void aFrameThatIsNotClassDotMethodIsRejected() {
		for (String frame : new String[] { "flushLoop", "com.example.Metrics.", ".flushLoop",
				"com.example.Metrics.flushLoop()", "com.example.Metrics#flushLoop", "app//com.example.M.run" }) {
			assertThatIllegalArgumentException().as(frame)
				.isThrownBy(() -> NoLeakedThreadsExtension.builder().ignoreFrames(frame))
				.withMessageContaining("'" + frame + "'");
			assertThatIllegalArgumentException().as(frame)
				.isThrownBy(() -> NoLeakedThreadsExtension.builder().ignoreTopFrames(frame));
		}
	}

	@Test
	void aNegativeWaitIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NoLeakedThreadsExtension.builder().maxWait(Duration.ofMillis(-1)))
			.withMessageContaining("maxWait");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NoLeakedThreadsExtension.builder().settle(Duration.ofMillis(-1)))
			.withMessageContaining("settle");
	}

	@Test
	void aSettleLongerThanTheMaxWaitIsCutToIt() {
		LeakCheckOptions options = NoLeakedThreadsExtension.builder().maxWait(Duration.ofMillis(300)).options();

		assertThat(options.settle()).isEqualTo(Duration.ofMillis(300));
	}

}
