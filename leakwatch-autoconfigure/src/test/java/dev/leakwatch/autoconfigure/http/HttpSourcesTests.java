package dev.leakwatch.autoconfigure.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.autoconfigure.metrics.LeakwatchMetrics;
import dev.leakwatch.autoconfigure.metrics.LeakwatchMetricsAutoConfiguration;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.LeakReportTextFormatter;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP source cap under 100,000 distinct string URIs, with the real tracker, detector
 * and meters: ids fold into one source, paths that do not fold stay within
 * {@code max-sources} named sources and their series, a source idle long enough makes
 * room for a newcomer, and {@code other} says how many paths it holds.
 */
class HttpSourcesTests {

	private static final int DISTINCT_URIS = 100_000;

	private static final int MAX_SOURCES = 100;

	/**
	 * leakwatch.tasks.active, queued, stuck, oldest, completed and
	 * leakwatch.http.unconsumed.
	 */
	private static final int METERS_PER_SOURCE = 6;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(LeakwatchAutoConfiguration.class, LeakwatchMetricsAutoConfiguration.class));

	@Test
	void idsFromStringUrisFoldIntoOneSourcePerEndpoint() {
		run(Duration.ofMinutes(5), (http) -> {
			for (int i = 0; i < DISTINCT_URIS; i++) {
				String uuid = UUID.randomUUID().toString();
				http.request("http://127.0.0.1/items/" + uuid);
				http.request("http://127.0.0.1/users/" + i + "/cart;jsessionid=" + uuid + "?token=" + uuid);
			}
			assertThat(http.names()).containsExactlyInAnyOrder("GET 127.0.0.1/items/{id}",
					"GET 127.0.0.1/users/{id}/cart");
			assertThat(http.series()).isEqualTo(2 * METERS_PER_SOURCE);
			assertThat(httpNotes(http.detector.report())).isEmpty();
		});
	}

	@Test
	void pathsThatDoNotFoldStayWithinTheCapAndOtherSaysHowManyItHolds() {
		run(Duration.ofMinutes(5), (http) -> {
			for (int i = 0; i < DISTINCT_URIS; i++) {
				http.request("http://127.0.0.1/search/" + word(i));
			}
			assertThat(http.names()).hasSize(MAX_SOURCES + 1).contains(HttpSources.OTHER);
			assertThat(http.series()).isEqualTo((MAX_SOURCES + 1) * METERS_PER_SOURCE);
			assertThat(httpNotes(http.detector.report())).singleElement()
				.asString()
				.startsWith("restclient source 'other' holds at least 1000 distinct paths")
				.contains("leakwatch.http.max-sources");
		});
	}

	@Test
	void aSourceIdleLongEnoughMakesRoomForANewcomer() {
		Duration idleTime = Duration.ofMillis(300);
		run(idleTime, (http) -> {
			for (int i = 0; i < MAX_SOURCES; i++) {
				http.request("http://127.0.0.1/search/" + word(i));
			}
			http.request("http://127.0.0.1/search/" + word(MAX_SOURCES));
			assertThat(http.names()).contains(HttpSources.OTHER).doesNotContain("GET 127.0.0.1/orders/{id}");

			sleep(idleTime.multipliedBy(2));
			http.request("http://127.0.0.1/orders/42");
			assertThat(http.names()).contains("GET 127.0.0.1/orders/{id}").doesNotContain("GET 127.0.0.1/search/aaaa");
			assertThat(http.tagValues()).contains("GET 127.0.0.1/orders/{id}")
				.doesNotContain("GET 127.0.0.1/search/aaaa");
			assertThat(http.series()).isEqualTo((MAX_SOURCES + 1) * METERS_PER_SOURCE);
		});
	}

	@Test
	void noIdMatrixParameterUserInfoOrQueryReachesTagsOrReports() {
		run(Duration.ofMinutes(5), (http) -> {
			http.request("http://jane:s3cret@127.0.0.1/matrix;jsessionid=hunter2/abc?email=jane@example.com#frag");
			http.request("http://127.0.0.1/accounts/4815162342/token/eyJhbGciOiJIUzI1NiJ9");
			String report = http.detector.report().toString()
					+ new LeakReportTextFormatter().format(http.detector.report());
			for (String secret : List.of("jane", "s3cret", "hunter2", "jsessionid", "example.com", "frag", "4815162342",
					"eyJhbGciOiJIUzI1NiJ9")) {
				assertThat(http.tagValues()).noneMatch((value) -> value.contains(secret));
				assertThat(report).doesNotContain(secret);
			}
			assertThat(http.names()).containsExactlyInAnyOrder("GET 127.0.0.1/matrix/abc",
					"GET 127.0.0.1/accounts/{id}/token/{id}");
		});
	}

	private void run(Duration idleTime, Consumer<Http> test) {
		this.runner.run((context) -> test.accept(new Http(context, idleTime)));
	}

	/**
	 * {@code i} in letters, four at least: a path segment that is a word, never an id.
	 */
	private static String word(int i) {
		StringBuilder word = new StringBuilder();
		for (int rest = i, n = 0; n < 4 || rest > 0; n++, rest /= 26) {
			word.append((char) ('a' + rest % 26));
		}
		return word.toString();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * RestClient's sources, with the context's tracker and detector, and its meters in a
	 * registry of their own.
	 */
	private static final class Http {

		private final TaskTracker tracker;

		private final LeakDetector detector;

		private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

		private final HttpSources sources;

		Http(ApplicationContext context, Duration idleTime) {
			this.tracker = context.getBean(TaskTracker.class);
			this.detector = context.getBean(LeakDetector.class);
			context.getBean(LeakwatchMetrics.class).bindTo(this.registry);
			this.sources = new HttpSources(this.tracker, TaskKind.RESTCLIENT, MAX_SOURCES, idleTime);
		}

		/**
		 * A request as the interceptor tracks one, with the URI string as Spring's
		 * template.
		 */
		void request(String uri) {
			TaskSource source = this.sources.source("GET", URI.create(uri), uri);
			this.tracker.beginRequest(source, source.name(), null, null).end();
		}

		List<String> names() {
			return this.tracker.sources().stream().map(TaskSource::name).toList();
		}

		List<String> tagValues() {
			return this.registry.getMeters()
				.stream()
				.map(Meter::getId)
				.flatMap((id) -> id.getTags().stream())
				.map((tag) -> tag.getKey() + "=" + tag.getValue())
				.map((tag) -> tag.substring(tag.indexOf('=') + 1))
				.toList();
		}

		long series() {
			return this.registry.getMeters().stream().filter((meter) -> meter.getId().getTag("source") != null).count();
		}

	}

	/** The report's notes on HTTP sources, without those on what the dump left out. */
	private static List<String> httpNotes(LeakReport report) {
		return report.notes().stream().filter((note) -> note.contains("source")).toList();
	}

}
