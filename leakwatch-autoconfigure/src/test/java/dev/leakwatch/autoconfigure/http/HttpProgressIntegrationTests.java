package dev.leakwatch.autoconfigure.http;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Response bodies that keep arriving are being consumed: a slow download through either
 * client, read by a task of a tracked executor, and a live server-sent event stream are
 * never suspects, however long they last; a body that stops arriving is still found once
 * a whole threshold passes without a byte. RestClient runs on {@code HttpURLConnection},
 * whose reader waits in a socket read between chunks as a stuck task would, not on
 * Reactor Netty: Reactor's blocking body fills the whole buffer a read asks for before it
 * returns, so it shows progress a buffer at a time (the README says so).
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = { "leakwatch.stuck-threshold=1s",
		"leakwatch.sample-interval=200ms", "spring.http.clients.imperative.factory=simple" })
class HttpProgressIntegrationTests {

	private static final Duration THRESHOLD = Duration.ofSeconds(1);

	private static final Set<SuspectKind> HTTP_AND_TASK_KINDS = Set.of(SuspectKind.HTTP_STUCK,
			SuspectKind.UNCONSUMED_RESPONSE, SuspectKind.STUCK_TASK);

	@Autowired
	private WebClient.Builder webClientBuilder;

	@Autowired
	private RestClient.Builder restClientBuilder;

	@Autowired
	@Qualifier("downloads")
	private ExecutorService downloads;

	@Autowired
	private LeakDetector detector;

	@Autowired
	private TaskTracker tracker;

	private TrickleServer server;

	/**
	 * Starts the server and makes a first request with each client, whose set-up can
	 * outlast the threshold.
	 */
	@BeforeEach
	void startServer() throws Exception {
		this.server = new TrickleServer();
		this.webClientBuilder.build()
			.get()
			.uri(this.server.url("/ready"))
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(30));
		this.restClientBuilder.build().get().uri(this.server.url("/ready")).retrieve().toBodilessEntity();
	}

	@AfterEach
	void stopServer() throws Exception {
		this.server.close();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(this.tracker.requests()).isEmpty());
	}

	@Test
	void slowDownloadsThatKeepReceivingAreNeverSuspects() throws Exception {
		RestClient restClient = this.restClientBuilder.build();
		Future<String> restBody = this.downloads
			.submit(() -> restClient.get().uri(this.server.url("/download")).retrieve().body(String.class));
		CompletableFuture<String> webBody = this.webClientBuilder.build()
			.get()
			.uri(this.server.url("/download"))
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		long started = System.nanoTime();

		Set<String> seen = suspectsWhile(() -> !restBody.isDone() || !webBody.isDone());

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(THRESHOLD.multipliedBy(3));
		assertThat(seen).isEmpty();
		// every chunk of a 4.5 s download, one each 200 ms, arrived
		assertThat(List.of(restBody.get(10, TimeUnit.SECONDS), webBody.get(10, TimeUnit.SECONDS)))
			.allSatisfy((body) -> assertThat(body).matches("x+").hasSizeGreaterThan(TrickleServer.CHUNK.length() * 15));
	}

	@Test
	void liveEventStreamIsNeverUnconsumed() throws InterruptedException {
		AtomicInteger events = new AtomicInteger();
		Disposable stream = this.webClientBuilder.build()
			.get()
			.uri(this.server.url("/events"))
			.retrieve()
			.bodyToFlux(String.class)
			.subscribe((event) -> events.incrementAndGet(), (error) -> {
			});
		try {
			long end = System.nanoTime() + THRESHOLD.multipliedBy(4).toNanos();
			Set<String> seen = suspectsWhile(() -> System.nanoTime() - end < 0);

			assertThat(seen).isEmpty();
			assertThat(events.get()).isGreaterThan(10);
			assertThat(this.tracker.unconsumed(this.tracker.source("GET 127.0.0.1/events", TaskKind.WEBCLIENT)))
				.isZero();
		}
		finally {
			stream.dispose();
		}
	}

	@Test
	void bodiesThatStopArrivingAreStillFound() {
		RestClient restClient = this.restClientBuilder.build();
		this.downloads.submit(() -> restClient.get().uri(this.server.url("/stalled")).retrieve().body(String.class));
		Disposable web = this.webClientBuilder.build()
			.get()
			.uri(this.server.url("/stalled"))
			.retrieve()
			.bodyToMono(String.class)
			.subscribe((body) -> {
			}, (error) -> {
			});
		try {
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				Suspect stalled = unconsumed(this.detector.report(), "GET 127.0.0.1/stalled");
				assertThat(stalled.count()).isEqualTo(2);
				assertThat(stalled.note()).contains("stopped arriving").contains("read timeout");
				assertThat(stalled.oldestAgeSeconds()).isGreaterThanOrEqualTo(1.0);
			});
		}
		finally {
			web.dispose();
		}
	}

	/**
	 * The HTTP and task suspects of every report taken while {@code going}, a few per
	 * threshold.
	 */
	private Set<String> suspectsWhile(BooleanSupplier going) throws InterruptedException {
		Set<String> seen = new TreeSet<>();
		while (going.getAsBoolean()) {
			for (Suspect suspect : this.detector.report().suspects()) {
				if (HTTP_AND_TASK_KINDS.contains(suspect.kind())) {
					seen.add(suspect.kind() + " " + suspect.source());
				}
			}
			Thread.sleep(THRESHOLD.toMillis() / 4);
		}
		return seen;
	}

	private static Suspect unconsumed(LeakReport report, String source) {
		List<Suspect> found = report.suspects()
			.stream()
			.filter((suspect) -> suspect.kind() == SuspectKind.UNCONSUMED_RESPONSE && suspect.source().equals(source))
			.toList();
		assertThat(found).as("UNCONSUMED_RESPONSE %s in %s", source, report.suspects()).hasSize(1);
		return found.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProgressApplication {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService downloads() {
			return Executors.newFixedThreadPool(2);
		}

	}

}
