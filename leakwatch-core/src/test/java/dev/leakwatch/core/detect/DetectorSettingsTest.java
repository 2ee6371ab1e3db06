package dev.leakwatch.core.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** Settings are validated once, with messages that name the setting and the bad value. */
class DetectorSettingsTest {

	@Test
	void defaults() {
		DetectorSettings settings = DetectorSettings.defaults();
		assertThat(settings.stuckThreshold()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.sampleInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.stackDepth()).isEqualTo(64);
		assertThat(settings.maxFamilies()).isEqualTo(20);
		assertThat(settings.idleFilters()).isEqualTo(IdleThreads.DEFAULTS);
	}

	@Test
	void withTimingKeepsTheRest() {
		DetectorSettings settings = DetectorSettings.defaults()
			.withTiming(Duration.ofMillis(300), Duration.ofMillis(100));
		assertThat(settings.stuckThreshold()).isEqualTo(Duration.ofMillis(300));
		assertThat(settings.sampleInterval()).isEqualTo(Duration.ofMillis(100));
		assertThat(settings.stackDepth()).isEqualTo(DetectorSettings.DEFAULT_STACK_DEPTH);
		assertThat(settings.maxFamilies()).isEqualTo(DetectorSettings.DEFAULT_MAX_FAMILIES);
		assertThat(settings.idleFilters()).isEqualTo(IdleThreads.DEFAULTS);
	}

	@Test
	void zeroOrNegativeDurationsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DetectorSettings.defaults().withTiming(Duration.ZERO, Duration.ofSeconds(1)))
			.withMessage("stuckThreshold must be positive, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DetectorSettings.defaults().withTiming(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
			.withMessage("stuckThreshold must be positive, was PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DetectorSettings.defaults().withTiming(Duration.ofSeconds(1), Duration.ZERO))
			.withMessage("sampleInterval must be positive, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DetectorSettings.defaults().withTiming(Duration.ofSeconds(1), Duration.ofMillis(-5)))
			.withMessage("sampleInterval must be positive, was PT-0.005S");
	}

	@Test
	void missingDurationsAreRejected() {
		assertThatNullPointerException()
			.isThrownBy(() -> DetectorSettings.defaults().withTiming(null, Duration.ofSeconds(1)))
			.withMessage("stuckThreshold");
	}

	@Test
	void depthAndFamiliesMustBeAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(0, 20))
			.withMessage("stackDepth must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(-3, 20))
			.withMessage("stackDepth must be at least 1, was -3");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(64, 0))
			.withMessage("maxFamilies must be at least 1, was 0");
		assertThat(settings(1, 1).stackDepth()).isEqualTo(1);
	}

	@Test
	void idleFiltersAreCopied() {
		List<IdleThreadFilter> filters = new ArrayList<>(IdleThreads.DEFAULTS);
		DetectorSettings settings = new DetectorSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 8, 8, filters);
		filters.clear();
		assertThat(settings.idleFilters()).hasSize(IdleThreads.DEFAULTS.size());
	}

	private static DetectorSettings settings(int stackDepth, int maxFamilies) {
		return new DetectorSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), stackDepth, maxFamilies,
				IdleThreads.DEFAULTS);
	}

}
