package dev.leakwatch.autoconfigure.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebClient and RestClient built from Boot's builders, against a real server on 127.0.0.1
 * that accepts and never answers (HTTP_STUCK) and the app itself (UNCONSUMED_RESPONSE
 * when a body is never read); a healthy loop of requests leaves nothing in flight and no
 * suspect.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "leakwatch.stuck-threshold=1s",
		"leakwatch.sample-interval=200ms", "management.endpoints.web.exposure.include=leaks,prometheus" })
class HttpClientLeaksIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WebClient.Builder webClientBuilder;

	@Autowired
	private RestClient.Builder restClientBuilder;

	@Autowired
	private LeakDetector detector;

	@Autowired
	private TaskTracker tracker;

	private SilentServer silent;

	private final List<AutoCloseable> cleanups = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startSilentServer() throws IOException {
		this.silent = new SilentServer();
	}

	@AfterEach
	void release() throws Exception {
		for (AutoCloseable cleanup : this.cleanups) {
			cleanup.close();
		}
		this.silent.close();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(this.tracker.requests()).isEmpty());
	}

	@Test
	void healthyRequestsLeaveNothingBehind() {
		WebClient webClient = this.webClientBuilder.baseUrl("http://127.0.0.1:" + this.port).build();
		RestClient restClient = this.restClientBuilder.baseUrl("http://127.0.0.1:" + this.port).build();
		Flux.range(0, 1500)
			.flatMap((i) -> webClient.get().uri("/hello/{n}", i).retrieve().bodyToMono(String.class), 16)
			.blockLast(Duration.ofSeconds(60));
		for (int i = 0; i < 1500; i++) {
			assertThat(restClient.get().uri("/hello/{n}", i).retrieve().body(String.class)).isEqualTo("hello");
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			LeakReport report = this.detector.report();
			assertThat(source(report, "GET 127.0.0.1/hello/{n}", "webclient").completed()).isEqualTo(1500);
			assertThat(source(report, "GET 127.0.0.1/hello/{n}", "restclient").completed()).isEqualTo(1500);
			assertThat(report.sources()).allMatch((source) -> source.active() == 0);
			assertThat(report.suspects()).isEmpty();
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void stringUrisFoldAlikeForBothClientsAndKeepUserDataOut(CapturedOutput output) {
		WebClient webClient = this.webClientBuilder.build();
		RestClient restClient = this.restClientBuilder.build();
		String uuid = UUID.randomUUID().toString();
		List<String> uris = List.of("/hello/" + uuid, "/hello/4815162342?email=jane@example.com",
				"/matrix;jsessionid=hunter2/abc#fragment");
		for (String uri : uris) {
			String url = "http://jane:s3cret@127.0.0.1:" + this.port + uri;
			webClient.get().uri(url).exchangeToMono(ClientResponse::releaseBody).block(Duration.ofSeconds(10));
			restClient.get().uri(url).exchange((request, response) -> response.getStatusCode());
		}
		LeakReport report = this.detector.report();
		for (String kind : List.of("webclient", "restclient")) {
			assertThat(source(report, "GET 127.0.0.1/hello/{id}", kind).completed()).isEqualTo(2);
			assertThat(source(report, "GET 127.0.0.1/matrix/abc", kind).completed()).isEqualTo(1);
		}
		// Spring's own http.client.requests tags the whole string as its uri: only
		// leakwatch's series are ours
		List<String> prometheus = restClient.get()
			.uri("http://127.0.0.1:" + this.port + "/actuator/prometheus")
			.retrieve()
			.body(String.class)
			.lines()
			.filter((line) -> line.startsWith("leakwatch_"))
			.toList();
		assertThat(prometheus).anyMatch((line) -> line.contains("source=\"GET 127.0.0.1/matrix/abc\""));
		String text = restClient.get()
			.uri("http://127.0.0.1:" + this.port + "/actuator/leaks")
			.accept(MediaType.TEXT_PLAIN)
			.retrieve()
			.body(String.class);
		String json = restClient.get()
			.uri("http://127.0.0.1:" + this.port + "/actuator/leaks")
			.retrieve()
			.body(String.class);
		for (String userData : List.of(uuid, "4815162342", "jane", "s3cret", "hunter2", "jsessionid", "fragment")) {
			assertThat(prometheus).noneMatch((line) -> line.contains(userData));
			assertThat(text).doesNotContain(userData);
			assertThat(json).doesNotContain(userData);
			assertThat(output.getAll()).doesNotContain(userData);
		}
	}

	@Test
	void requestsWithoutAnswerAreStuck() throws Exception {
		WebClient webClient = this.webClientBuilder.build();
		Disposable pending = webClient.get()
			.uri("http://127.0.0.1:{port}/orders/{id}?secret=x", this.silent.port(), 42)
			.retrieve()
			.bodyToMono(String.class)
			.subscribe((body) -> {
			}, (error) -> {
			});
		this.cleanups.add(pending::dispose);
		RestClient restClient = this.restClientBuilder.build();
		AtomicReference<Throwable> restOutcome = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				restClient.get()
					.uri("http://127.0.0.1:{port}/reports/{id}", this.silent.port(), 7)
					.retrieve()
					.body(String.class);
			}
			catch (RuntimeException ex) {
				restOutcome.set(ex);
			}
		}, "report-caller");
		caller.setDaemon(true);
		caller.start();

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(kinds(this.detector.report())).containsExactlyInAnyOrder(
					"HTTP_STUCK GET 127.0.0.1/orders/{id}", "HTTP_STUCK GET 127.0.0.1/reports/{id}"));
		LeakReport report = this.detector.report();
		Suspect rest = suspect(report, SuspectKind.HTTP_STUCK, "GET 127.0.0.1/reports/{id}");
		assertThat(rest.threads()).containsExactly("report-caller");
		assertThat(rest.stack()).isNotEmpty();
		assertThat(rest.note()).contains("no read timeout is configured")
			.contains("spring.http.clients.read-timeout")
			.contains("request factory");
		Suspect web = suspect(report, SuspectKind.HTTP_STUCK, "GET 127.0.0.1/orders/{id}");
		assertThat(web.note()).contains("no read timeout is configured").contains(".timeout(...)");
		assertThat(web.oldestAgeSeconds()).isGreaterThanOrEqualTo(1.0);
		assertThat(source(report, "GET 127.0.0.1/orders/{id}", "webclient").stuck()).isEqualTo(1);

		this.silent.close();
		caller.join(10_000);
		assertThat(restOutcome.get()).isNotNull();
	}

	@Test
	void responseBodiesNeverReadAreUnconsumed() {
		WebClient webClient = this.webClientBuilder.baseUrl("http://127.0.0.1:" + this.port).build();
		ResponseEntity<Flux<String>> entity = webClient.get()
			.uri("/greeting")
			.retrieve()
			.toEntityFlux(String.class)
			.block(Duration.ofSeconds(10));
		this.cleanups.add(() -> entity.getBody().blockLast(Duration.ofSeconds(10)));
		RestClient restClient = this.restClientBuilder.baseUrl("http://127.0.0.1:" + this.port).build();
		ClientHttpResponse response = restClient.get().uri("/greeting").exchange((request, raw) -> raw, false);
		this.cleanups.add(response::close);

		// the same kind, source and (no) stack: one suspect entry counting both clients'
		// responses
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			LeakReport report = this.detector.report();
			assertThat(kinds(report)).containsExactly("UNCONSUMED_RESPONSE GET 127.0.0.1/greeting");
			// each response becomes a suspect once its own age passes the threshold
			assertThat(suspect(report, SuspectKind.UNCONSUMED_RESPONSE, "GET 127.0.0.1/greeting").count()).isEqualTo(2);
		});
		Suspect unconsumed = suspect(this.detector.report(), SuspectKind.UNCONSUMED_RESPONSE, "GET 127.0.0.1/greeting");
		assertThat(unconsumed.note()).contains("body was never read").doesNotContain("timeout");
		assertThat(unconsumed.oldestAgeSeconds()).isGreaterThanOrEqualTo(1.0);
		assertThat(this.tracker.unconsumed(this.tracker.source("GET 127.0.0.1/greeting", TaskKind.WEBCLIENT)))
			.isEqualTo(1);
		assertThat(this.tracker.unconsumed(this.tracker.source("GET 127.0.0.1/greeting", TaskKind.RESTCLIENT)))
			.isEqualTo(1);
		// suspect meters follow the background sample
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(restClient.get().uri("/actuator/prometheus").retrieve().body(String.class))
				.contains("leakwatch_http_unconsumed{kind=\"webclient\",source=\"GET 127.0.0.1/greeting\"} 1.0")
				.contains("leakwatch_http_unconsumed{kind=\"restclient\",source=\"GET 127.0.0.1/greeting\"} 1.0")
				.contains("leakwatch_suspects{kind=\"unconsumed_response\"} 2.0"));
		String text = restClient.get()
			.uri("/actuator/leaks")
			.accept(MediaType.TEXT_PLAIN)
			.retrieve()
			.body(String.class);
		assertThat(text).contains("UNCONSUMED_RESPONSE x2 source=GET 127.0.0.1/greeting");
	}

	private static List<String> kinds(LeakReport report) {
		return report.suspects().stream().map((suspect) -> suspect.kind() + " " + suspect.source()).toList();
	}

	private static Suspect suspect(LeakReport report, SuspectKind kind, String source) {
		return report.suspects()
			.stream()
			.filter((suspect) -> suspect.kind() == kind && suspect.source().equals(source))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + source + " in " + report.suspects()));
	}

	private static SourceStats source(LeakReport report, String name, String kind) {
		return report.sources()
			.stream()
			.filter((source) -> source.source().equals(name) && source.kind().equals(kind))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no source " + name + " in " + report.sources()));
	}

	/** Accepts connections on 127.0.0.1 and never answers. */
	static final class SilentServer implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		SilentServer() throws IOException {
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						this.accepted.add(this.server.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "silent-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HttpApplication {

		@Bean
		RouterFunction<ServerResponse> routes() {
			return RouterFunctions.route()
				.GET("/hello/{n}", (request) -> ServerResponse.ok().bodyValue("hello"))
				.GET("/greeting", (request) -> ServerResponse.ok().bodyValue("greetings ".repeat(2000)))
				.build();
		}

	}

}
