package dev.leakwatch.core.thread;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.leakwatch.core.thread.StackGroupsTest.frame;
import static dev.leakwatch.core.thread.StackGroupsTest.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The text forms of idle-thread filters a configuration file holds. */
class IdleThreadPatternsTest {

	private static final ThreadStack HOUSEKEEPER = thread(1, "pool-3-housekeeper", Thread.State.WAITING,
			List.of(frame("jdk.internal.misc.Unsafe", "park", 1), frame("com.example.Pool$Housekeeper", "run", 2)));

	@ParameterizedTest
	@CsvSource({ "pool-3-housekeeper, true", "pool-*-housekeeper, true", "pool-*, true", "*housekeeper, true",
			"*-3-*, true", "pool-3, false", "pool-*-keeper, false", "pool.3.housekeeper, false",
			"Pool-3-housekeeper, false", "pool-3-housekeeper*, true" })
	void threadNamePatternMatchesTheWholeNameWithStarForAnyRun(String pattern, boolean matches) {
		IdleThreadFilter filter = IdleThreadPatterns.threadName(pattern);
		assertThat(filter.name()).isEqualTo("thread name " + pattern);
		assertThat(filter.matches().test(HOUSEKEEPER)).isEqualTo(matches);
	}

	@ParameterizedTest
	@CsvSource({ "com.example.Pool$Housekeeper#run, true", "com.example.Pool$Housekeeper, true",
			"jdk.internal.misc.Unsafe#park, true", "com.example.Pool$Housekeeper#stop, false",
			"com.example.Pool, false", "com.example.Pool$Housekeeper#<init>, false" })
	void frameIsAClassAndMethodOrAnyMethodOfAClass(String frame, boolean matches) {
		IdleThreadFilter filter = IdleThreadPatterns.frame(frame);
		assertThat(filter.name()).isEqualTo("frame " + frame);
		assertThat(filter.matches().test(HOUSEKEEPER)).isEqualTo(matches);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "*", "**" })
	void threadNamePatternThatIsEmptyOrMatchesEverythingIsRejected(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> IdleThreadPatterns.threadName(pattern))
			.withMessageStartingWith("thread-name pattern");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "#run", "com.example.Pool#", "com.example.Pool#run#stop", "com..Pool#run",
			"com.example.Pool.#run", "com.example.Pool#ru n", "com.example.Pool.run()", " com.example.Pool",
			"1com.example.Pool" })
	void malformedFrameIsRejectedWithTheFormItShouldHave(String frame) {
		assertThatIllegalArgumentException().isThrownBy(() -> IdleThreadPatterns.frame(frame))
			.withMessage("frame '" + frame + "' is not of the form fully.qualified.Class#method or "
					+ "fully.qualified.Class");
	}

}
