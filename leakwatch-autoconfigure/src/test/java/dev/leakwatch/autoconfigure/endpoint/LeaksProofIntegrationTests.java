package dev.leakwatch.autoconfigure.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.stream.Stream;

import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.task.TaskTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/leaks?proof=true} over real HTTP: a put to a queue only the putter
 * knows is proven leaked, the same put to a queue a static field holds is not, and no
 * heap dump is left behind.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=leaks",
				"leakwatch.proof.directory=${java.io.tmpdir}/leakwatch-proof-test" })
class LeaksProofIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Path DUMP_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "leakwatch-proof-test");

	static {
		try {
			Files.createDirectories(DUMP_DIRECTORY); // must exist:
														// leakwatch.proof.directory is
														// checked at start-up
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Keeps the held put's queue reachable: something alive could still take from it. */
	static final SynchronousQueue<String> HELD = new SynchronousQueue<>();

	private final List<Thread> started = new ArrayList<>();

	@LocalServerPort
	private int port;

	@AfterEach
	void release() throws InterruptedException {
		this.started.forEach(Thread::interrupt);
		for (Thread thread : this.started) {
			thread.join(5000);
		}
	}

	@Test
	void provesTheOrphanedPutLeakedAndTheHeldOneNot() throws Exception {
		start("orphan-put", () -> new SynchronousQueue<String>().put("nobody will take this"));
		start("held-put", () -> HELD.put("a taker may come"));
		Thread.sleep(200);

		JsonNode report = json.readTree(get("/actuator/leaks?proof=true", "application/json").body());
		JsonNode proof = report.get("proof");
		assertThat(proof.get("dumpMillis").asLong()).isNotNegative();
		assertThat(proof.get("objects").asInt()).isPositive();
		assertThat(verdict(proof, "orphan-put")).isEqualTo("unreachable");
		assertThat(verdict(proof, "held-put")).isEqualTo("reachable");
		JsonNode unreachable = null;
		for (JsonNode suspect : report.get("suspects")) {
			if (suspect.get("kind").asString().equals("UNREACHABLE_WAIT")
					&& suspect.get("threads").toString().contains("orphan-put")) {
				unreachable = suspect;
			}
		}
		assertThat(unreachable).as("UNREACHABLE_WAIT for orphan-put in %s", report.get("suspects")).isNotNull();
		assertThat(unreachable.get("threads").toString()).doesNotContain("held-put");
		assertThat(unreachable.get("note").asString()).contains("SynchronousQueue");
		assertThat(report.get("notes").toString()).contains("heap proof:");

		String text = get("/actuator/leaks?proof=true", "text/plain").body();
		assertThat(text).contains("UNREACHABLE_WAIT").contains("proof=unreachable").contains("heap proof:");
		assertThat(dumpsLeftBehind()).isEmpty();
	}

	@Test
	void withoutShark_proofIsAClearServiceUnavailable() {
		LeaksEndpoint endpoint = new LeaksEndpoint(
				new LeakDetector(new TaskTracker(false), DetectorSettings.defaults()), null);
		WebEndpointResponse<Object> response = endpoint.leaks(null, "true");
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		assertThat(response.getBody().toString()).contains("shark-graph");
		assertThat(endpoint.leaks(null, "false").getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
	}

	private static String verdict(JsonNode proof, String thread) {
		for (JsonNode verdict : proof.get("threads")) {
			if (verdict.get("name").asString().equals(thread)) {
				return verdict.get("verdict").asString();
			}
		}
		throw new AssertionError("no verdict for " + thread + " in " + proof.get("threads"));
	}

	private static List<Path> dumpsLeftBehind() throws IOException {
		try (Stream<Path> files = Files.list(DUMP_DIRECTORY)) {
			return files.toList();
		}
	}

	private void start(String name, Blocking body) {
		Thread thread = new Thread(() -> {
			try {
				body.run();
			}
			catch (InterruptedException ex) {
				// released by the test
			}
		}, name);
		thread.setDaemon(true);
		this.started.add(thread);
		thread.start();
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(60))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	interface Blocking {

		void run() throws InterruptedException;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProofApplication {

	}

}
