package dev.leakwatch.core.detect;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.leakwatch.core.report.IdleFilter;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.LeakReportTextFormatter;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.NamedThreads;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreadFilterProviders;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.TestIdleFilterProviders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A library's thread that waits by design, on a pool no bean owns: a stuck suspect under
 * the defaults alone, never one with the filters the library ships through
 * {@code META-INF/services}; and the report says which filters applied and where each
 * came from.
 */
class LibraryIdleFiltersTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Duration THRESHOLD = Duration.ofMillis(400);

	private static final Duration INTERVAL = Duration.ofMillis(100);

	private static final String FAMILY = "housekeeping-#";

	private final CountDownLatch nextRun = new CountDownLatch(1);

	private final ExecutorService pool = Executors.newFixedThreadPool(1, new NamedThreads("housekeeping-"));

	@AfterEach
	void shutDown() {
		this.nextRun.countDown();
		this.pool.shutdownNow();
	}

	@Test
	void threadALibraryParksByDesignIsNoSuspectWithTheFiltersItShipsAndIsOneWithout() {
		this.pool.execute(() -> TestIdleFilterProviders.Housekeeper.awaitWork(this.nextRun));
		List<IdleThreadFilter> shipped = IdleThreadFilterProviders.load(getClass().getClassLoader());
		LeakDetector withShipped = detector(IdleThreads.defaultsAnd(shipped));
		LeakDetector defaultsOnly = detector(IdleThreads.DEFAULTS);
		Suspect stuck = await().atMost(TIMEOUT).pollInterval(INTERVAL).until(() -> {
			assertThat(housekeepers(withShipped.sample().suspects())).isEmpty();
			return housekeepers(defaultsOnly.sample().suspects()).stream().findFirst().orElse(null);
		}, Objects::nonNull);
		assertThat(stuck.kind()).isEqualTo(SuspectKind.STUCK_TASK);
		LeakReport report = withShipped.report(false);
		assertThat(housekeepers(report.suspects())).isEmpty();
		String housekeeper = TestIdleFilterProviders.class.getName() + "$Housekeeper";
		String provider = TestIdleFilterProviders.class.getName() + "$Housekeeping";
		assertThat(report.idleFilters()).hasSize(IdleThreads.DEFAULTS.size() + 1)
			.endsWith(new IdleFilter("frame " + housekeeper + "#awaitWork", "provider " + provider));
		assertThat(new LeakReportTextFormatter().format(report)).endsWith(
				String.format("%n%nIDLE FILTERS (%d: %d default, 1 provider)%n  frame %s#awaitWork  (provider %s)%n",
						IdleThreads.DEFAULTS.size() + 1, IdleThreads.DEFAULTS.size(), housekeeper, provider));
	}

	private static LeakDetector detector(List<IdleThreadFilter> filters) {
		return new LeakDetector(new TaskTracker(false),
				new DetectorSettings(THRESHOLD, INTERVAL, 64, 20, filters, Duration.ofMinutes(1), 5, 5, false));
	}

	private static List<Suspect> housekeepers(List<Suspect> suspects) {
		return suspects.stream().filter((suspect) -> FAMILY.equals(suspect.source())).toList();
	}

}
