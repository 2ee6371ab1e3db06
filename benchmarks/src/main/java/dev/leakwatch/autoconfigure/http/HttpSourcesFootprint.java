package dev.leakwatch.autoconfigure.http;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.IntFunction;

import dev.leakwatch.autoconfigure.metrics.LeakwatchMetrics;
import dev.leakwatch.benchmarks.Heap;
import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.LeakSampler;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What 100,000 distinct string URIs leave behind in each client kind's sources (the
 * default cap of 100 and idle time of 5 minutes), with the real tracker, detector and
 * meters: the sources named, the leakwatch series and the live heap they hold, after a
 * tenth of the URIs of one shape and after all of them. Not JMH: a footprint is a count
 * and a size. In this package because {@link HttpSources} is the starter's own;
 * {@code benchmarks/http-sources.sh} runs it.
 * <p>
 * {@code java -cp benchmarks.jar dev.leakwatch.autoconfigure.http.HttpSourcesFootprint SHAPE}
 * prints one markdown row; SHAPE is {@code ids} (UUIDs and numbers, with matrix
 * parameters and queries: all fold) or {@code words} (a path segment that is a new word
 * each time: nothing folds, the cap holds).
 */
public final class HttpSourcesFootprint {

	private static final int DISTINCT_URIS = 100_000;

	private static final int MAX_SOURCES = 100;

	private HttpSourcesFootprint() {
	}

	public static void main(String[] args) {
		String shape = args[0];
		IntFunction<String> uris = switch (shape) {
			case "ids" -> (i) -> (i % 2 == 0) ? "http://127.0.0.1/items/" + UUID.randomUUID()
					: "http://127.0.0.1/users/" + i + "/cart;jsessionid=" + UUID.randomUUID() + "?token=" + i;
			case "words" -> (i) -> "http://127.0.0.1/search/" + word(i);
			default -> throw new IllegalArgumentException("Unknown shape '" + shape + "': ids or words");
		};
		TaskTracker tracker = new TaskTracker(false);
		LeakDetector detector = new LeakDetector(tracker, DetectorSettings.defaults());
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new LeakwatchMetrics(tracker, detector, new LeakSampler(detector)).bindTo(registry);
		HttpSources web = new HttpSources(tracker, TaskKind.WEBCLIENT, MAX_SOURCES, Duration.ofMinutes(5));
		HttpSources rest = new HttpSources(tracker, TaskKind.RESTCLIENT, MAX_SOURCES, Duration.ofMinutes(5));
		long seriesBefore = registry.getMeters().size();
		long before = Heap.settledUsed();
		long afterTenth = 0;
		for (int i = 0; i < DISTINCT_URIS; i++) {
			String uri = uris.apply(i);
			request(tracker, web, uri);
			request(tracker, rest, uri);
			if (i + 1 == DISTINCT_URIS / 10) {
				afterTenth = Heap.settledUsed();
			}
		}
		long after = Heap.settledUsed();
		long series = registry.getMeters().stream().filter((meter) -> meter.getId().getTag("source") != null).count();
		System.out.printf("| %s | %,d | %d | %d | %,d | %s | %s | %s |%n", shape, DISTINCT_URIS,
				tracker.sources().size(), series, registry.getMeters().size() - seriesBefore - series,
				kib(afterTenth - before), kib(after - before),
				String.join("; ", detector.report().notes()).replace("|", "/"));
		tracker.close();
	}

	/**
	 * A request as the client's filter or interceptor tracks one, the URI string as
	 * Spring's template.
	 */
	private static void request(TaskTracker tracker, HttpSources sources, String uri) {
		TaskSource source = sources.source("GET", URI.create(uri), uri);
		tracker.beginRequest(source, source.name(), null, null).end();
	}

	private static String word(int i) {
		StringBuilder word = new StringBuilder();
		for (int rest = i, n = 0; n < 4 || rest > 0; n++, rest /= 26) {
			word.append((char) ('a' + rest % 26));
		}
		return word.toString();
	}

	private static String kib(long bytes) {
		return String.format("%,.0f KiB", bytes / 1024.0);
	}

}
