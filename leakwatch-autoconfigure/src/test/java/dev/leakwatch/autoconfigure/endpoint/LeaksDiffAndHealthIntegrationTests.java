package dev.leakwatch.autoconfigure.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pprof -diff_base} for threads, and the {@code leaks} health indicator, over real
 * HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "leakwatch.sample-interval=200ms",
		"management.endpoints.web.exposure.include=leaks,health", "management.endpoint.health.show-details=always" })
class LeaksDiffAndHealthIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> started = new ArrayList<>();

	@LocalServerPort
	private int port;

	@AfterEach
	void releaseThreads() throws InterruptedException {
		this.release.countDown();
		this.started.forEach(Thread::interrupt);
		for (Thread thread : this.started) {
			thread.join(5000);
		}
	}

	@Test
	void diffShowsTheGroupThatGrewSinceTheBaseline() throws Exception {
		HttpResponse<String> baseline = send("POST", "/actuator/leaks", "application/json");
		assertThat(baseline.statusCode()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			start("diff-leak-" + i, this::awaitRelease);
		}
		assertThat(LeaksJsonContractTests.fieldsOf(json.readTree(baseline.body())))
			.isSubsetOf(LeaksJsonContractTests.DIFF_FIELDS);
		JsonNode diff = json.readTree(send("GET", "/actuator/leaks/diff", "application/json").body());
		assertThat(LeaksJsonContractTests.fieldsOf(diff)).isSubsetOf(LeaksJsonContractTests.DIFF_FIELDS);
		assertThat(diff.get("baselineTimestamp").asString()).isNotBlank();
		JsonNode grown = null;
		for (JsonNode change : diff.get("changes")) {
			if (change.get("families").toString().contains("diff-leak-#")) {
				grown = change;
			}
		}
		assertThat(grown).as("change for diff-leak-# in %s", diff).isNotNull();
		assertThat(grown.get("change").asString()).isEqualTo("+5");
		assertThat(grown.get("count").asInt()).isEqualTo(5);
		assertThat(grown.get("before").asInt()).isZero();
		assertThat(grown.get("stack").toString()).contains("CountDownLatch.await");

		String text = send("GET", "/actuator/leaks/diff", "text/plain").body();
		assertThat(text).startsWith("leakwatch diff ").contains("+5 (5 now, 0 before) @ WAITING [diff-leak-#]");

		// released, the group is gone: -5 against the same baseline
		releaseThreads();
		JsonNode after = json.readTree(send("GET", "/actuator/leaks/diff", "application/json").body());
		assertThat(after.get("changes").toString()).doesNotContain("diff-leak-#\"],\"stack\":[\"java.base");
	}

	@Test
	void unknownViewIsAClearError() throws Exception {
		HttpResponse<String> response = send("GET", "/actuator/leaks/everything", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown leaks view");
	}

	@Test
	void healthGoesDownOnADeadlockAndBackUpAfter() throws Exception {
		assertThat(health().get("status").asString()).isEqualTo("UP");
		ReentrantLock first = new ReentrantLock();
		ReentrantLock second = new ReentrantLock();
		start("health-a", () -> lockBoth(first, second));
		start("health-b", () -> lockBoth(second, first));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode health = health();
			assertThat(health.get("status").asString()).isEqualTo("DOWN");
			assertThat(health.get("details").get("deadlockedThreads").asInt()).isEqualTo(2);
			assertThat(health.get("details").get("suspects").get("DEADLOCK").asInt()).isEqualTo(2);
			assertThat(health.toString()).doesNotContain("java.base"); // counts, not
																		// stacks
		});
		releaseThreads();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(health().get("status").asString()).isEqualTo("UP"));
	}

	private JsonNode health() throws Exception {
		return json.readTree(send("GET", "/actuator/health/leaks", "application/json").body());
	}

	private void start(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		this.started.add(thread);
		thread.start();
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void lockBoth(ReentrantLock outer, ReentrantLock inner) {
		outer.lock();
		try {
			Thread.sleep(200);
			inner.lockInterruptibly();
			inner.unlock();
		}
		catch (InterruptedException ex) {
			// released by the test
		}
		finally {
			outer.unlock();
		}
	}

	private HttpResponse<String> send(String method, String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DiffApplication {

	}

}
