package dev.leakwatch.core.origin;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.LeakReportTextFormatter;
import dev.leakwatch.core.report.ThreadSummary;
import dev.leakwatch.core.thread.StackGroup;
import dev.leakwatch.core.thread.StackGroups;
import dev.leakwatch.core.thread.ThreadStack;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real threads, executors and schedulers started per call, against the JDK's own Flight
 * Recorder.
 */
class ThreadOriginsTest {

	/** The recorder's first start in a JVM takes seconds, more on a loaded machine. */
	private static final Duration DELIVERY = Duration.ofSeconds(60);

	private static final String CALLS = LeakyCalls.class.getName();

	private static final ThreadOrigins origins = new ThreadOrigins(OriginSettings.defaults());

	private static final LeakyCalls calls = new LeakyCalls();

	@BeforeAll
	static void startWatching() throws Exception {
		origins.start();
		assertThat(origins.awaitDelivery(DELIVERY)).isTrue();
		for (int i = 0; i < 3; i++) {
			calls.threadPerCallLeaking();
			calls.threadPerCallJoined();
			calls.executorPerCallLeaking();
			calls.executorPerCallShutDown();
			calls.schedulerPerCallLeaking();
			calls.schedulerPerCallShutDown();
		}
		assertThat(origins.awaitDelivery(DELIVERY)).isTrue();
	}

	@AfterAll
	static void stopWatching() throws InterruptedException {
		calls.close();
		origins.close();
	}

	@Test
	void namesTheCallSiteThatLeaksThreadsWithItsCount() {
		assertThat(leakySites()).containsEntry(CALLS + ".threadPerCallLeaking", 3)
			.doesNotContainKey(CALLS + ".threadPerCallJoined");
	}

	@Test
	void namesTheCallSiteThatLeaksAnExecutorPerCall() {
		assertThat(leakySites()).containsEntry(CALLS + ".executorPerCallLeaking", 3)
			.doesNotContainKey(CALLS + ".executorPerCallShutDown");
		SiteCount executor = siteCalled("executorPerCallLeaking");
		assertThat(executor.site().via()).startsWith("java.util.concurrent.AbstractExecutorService.submit:");
	}

	@Test
	void namesTheCallSiteThatLeaksASchedulerPerCall() {
		assertThat(leakySites()).containsEntry(CALLS + ".schedulerPerCallLeaking", 3)
			.doesNotContainKey(CALLS + ".schedulerPerCallShutDown");
		assertThat(siteCalled("schedulerPerCallLeaking").site().via()).contains(".schedule:");
	}

	@Test
	void sitesAreSmallInternedValuesThatBeginAtTheCallSite() {
		SiteCount leaking = siteCalled("threadPerCallLeaking");
		assertThat(leaking.site().kind()).isEqualTo(CreationSite.Kind.RECORDED);
		assertThat(leaking.site().via()).isEqualTo(null);
		assertThat(leaking.site().frames()).hasSizeLessThanOrEqualTo(OriginSettings.defaults().siteFrames());
		assertThat(leaking.site().frames().get(1)).startsWith(ThreadOriginsTest.class.getName() + ".startWatching:");
		List<CreationSite> instances = liveSites().stream()
			.filter((site) -> site.hasFrame(CALLS, "threadPerCallLeaking"))
			.toList();
		assertThat(instances).hasSize(3).allSatisfy((site) -> assertThat(site).isSameAs(instances.get(0)));
	}

	@Test
	void theGroupedDumpShowsCreatedByUnderEachGroup() {
		List<ThreadStack> threads = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
			.map(ThreadStack::of)
			.toList();
		List<StackGroup> groups = StackGroups.group(threads, (thread) -> false, origins::siteOf);
		String text = new LeakReportTextFormatter()
			.format(new LeakReport(Instant.now(), 60, new ThreadSummary(threads.size(), 0, threads.size(), List.of()),
					List.of(), List.of(), groups, List.of()));
		assertThat(text).containsPattern("created by " + Pattern.quote(CALLS) + "\\.executorPerCallLeaking:\\d+ via "
				+ "java\\.util\\.concurrent\\.AbstractExecutorService\\.submit:\\d+\\R");
		assertThat(text).containsPattern("created by " + Pattern.quote(CALLS) + "\\.threadPerCallLeaking:\\d+\\R");
		assertThat(text).contains("created by (before leakwatch started)")
			.doesNotContain("ShutDown")
			.doesNotContain("Joined");
	}

	@Test
	void threadsRunningBeforeWatchingBeganSaySo() {
		assertThat(origins.siteOf(mainThreadId())).isEqualTo(CreationSite.BEFORE_LEAKWATCH);
		assertThat(CreationSite.BEFORE_LEAKWATCH).hasToString("before leakwatch started");
	}

	@Test
	@SuppressWarnings("deprecation")
	void aThreadThatEndedHasNoSiteLeft() throws Exception {
		Thread ended = new Thread(() -> {
		}, "ended");
		ended.start();
		ended.join();
		assertThat(origins.awaitDelivery(DELIVERY)).isTrue();
		assertThat(origins.siteOf(ended.getId())).isEqualTo(CreationSite.UNKNOWN);
		assertThat(origins.siteOf(Long.MAX_VALUE - 1)).isEqualTo(CreationSite.NOT_YET_KNOWN);
	}

	@Test
	@SuppressWarnings("deprecation")
	void aSiteAskedForBeforeItIsReadIsReadWithinSecondsRatherThanAtTheNextInterval() throws Exception {
		assertThat(origins.awaitDelivery(DELIVERY)).isTrue();
		CountDownLatch release = new CountDownLatch(1);
		Thread asked = new Thread(() -> awaitQuietly(release), "asked");
		asked.start();
		try {
			assertThat(origins.siteOf(asked.getId())).isEqualTo(CreationSite.NOT_YET_KNOWN);
			CreationSite site = await().atMost(StartReader.INTERVAL.dividedBy(2))
				.until(() -> origins.siteOf(asked.getId()), (known) -> known != CreationSite.NOT_YET_KNOWN);
			assertThat(site.frames().get(0))
				.startsWith(ThreadOriginsTest.class.getName() + ".aSiteAskedForBeforeItIsReadIsReadWithinSeconds");
		}
		finally {
			release.countDown();
			asked.join();
		}
	}

	@Test
	void aUserRecordingKeepsItsSettingsAndEvents(@TempDir Path directory) throws Exception {
		try (Recording user = new Recording()) {
			user.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO).withoutStackTrace();
			user.start();
			Map<String, String> settings = Map.copyOf(user.getSettings());
			ThreadOrigins own = new ThreadOrigins(OriginSettings.defaults());
			own.start();
			assertThat(own.awaitDelivery(DELIVERY)).isTrue();
			Thread.sleep(21);
			own.close();
			assertThat(user.getState()).isEqualTo(RecordingState.RUNNING);
			Thread.sleep(42);
			assertThat(user.getSettings()).isEqualTo(settings);
			user.stop();
			Path file = directory.resolve("user.jfr");
			user.dump(file);
			List<RecordedEvent> sleeps = RecordingFile.readAllEvents(file)
				.stream()
				.filter((event) -> event.getEventType().getName().equals("jdk.ThreadSleep"))
				.filter((event) -> event.getThread().getJavaName().equals(Thread.currentThread().getName()))
				.toList();
			assertThat(sleeps).extracting((event) -> event.getDuration("time").toMillis()).contains(21L, 42L);
			assertThat(sleeps).allSatisfy((event) -> assertThat(event.getStackTrace()).isNull());
			assertThat(Files.size(file)).isPositive();
		}
	}

	/**
	 * The live threads started from a {@link LeakyCalls} site, by its first frame's
	 * method, with counts.
	 */
	private static Map<String, Integer> leakySites() {
		Map<String, Integer> sites = new TreeMap<>();
		for (SiteCount count : SiteCount.tally(ManagementFactory.getThreadMXBean().getAllThreadIds(),
				origins::siteOf)) {
			if (!count.site().frames().isEmpty() && count.site().frames().get(0).startsWith(CALLS + ".")) {
				String frame = count.site().frames().get(0);
				sites.merge(frame.substring(0, frame.lastIndexOf(':')), count.count(), Integer::sum);
			}
		}
		return sites;
	}

	private static SiteCount siteCalled(String method) {
		return SiteCount.tally(ManagementFactory.getThreadMXBean().getAllThreadIds(), origins::siteOf)
			.stream()
			.filter((count) -> count.site().hasFrame(CALLS, method))
			.findFirst()
			.orElseThrow();
	}

	private static List<CreationSite> liveSites() {
		return Arrays.stream(ManagementFactory.getThreadMXBean().getAllThreadIds()).mapToObj(origins::siteOf).toList();
	}

	static void awaitQuietly(CountDownLatch release) {
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@SuppressWarnings("deprecation")
	private static long mainThreadId() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("main"))
			.findFirst()
			.orElseThrow()
			.getId();
	}

}
