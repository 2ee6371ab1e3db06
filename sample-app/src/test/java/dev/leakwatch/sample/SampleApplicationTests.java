package dev.leakwatch.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app on a real port, doing its healthy background work: no suspects until a leak is made, then
 * exactly the leak, then nothing again after a reset.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "leakwatch.stuck-threshold=1s", "leakwatch.sample-interval=200ms" })
class SampleApplicationTests {

	private WebTestClient client;

	@LocalServerPort
	void connect(int port) {
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@AfterEach
	void reset() {
		this.client.post().uri("/leaks/reset").exchange().expectStatus().isOk();
	}

	@Test
	void healthyWorkIsNeverASuspect() throws InterruptedException {
		for (int i = 0; i < 15; i++) {
			assertThat(suspects()).isEmpty();
			Thread.sleep(200);
		}
		assertThat(leaks().get("sources").toString()).contains("reportExecutor")
			.contains("\"kind\":\"async\"")
			.contains("applicationTaskExecutor");
	}

	@Test
	void blockedPutsAreFoundAndResetClearsThem() {
		this.client.post().uri("/leaks/blocked-put?count=6").exchange().expectStatus().isOk();
		// four workers block; the rest of the leak, and the healthy reports behind it, starve in the queue
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(suspects()).hasSize(2)
			.contains("STUCK_TASK reportExecutor PublishReport x4")
			.anyMatch((suspect) -> suspect.startsWith("STARVED_QUEUE reportExecutor null x")));
		reset();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(suspects()).isEmpty());
	}

	@Test
	void deadlockIsFound() {
		this.client.post().uri("/leaks/deadlock").exchange().expectStatus().isOk();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(suspects()).containsExactly("DEADLOCK null null x2"));
	}

	@Test
	void badCountIsAClearError() {
		this.client.post()
			.uri("/leaks/blocked-put?count=0")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400);
		assertThat(suspects()).isEmpty();
	}

	private JsonNode leaks() {
		return this.client.get()
			.uri("/actuator/leaks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private List<String> suspects() {
		List<String> found = new ArrayList<>();
		for (JsonNode suspect : leaks().get("suspects")) {
			found.add(suspect.get("kind").asString() + " " + text(suspect, "source") + " " + text(suspect, "task")
					+ " x" + suspect.get("count").asInt());
		}
		return found;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : "null";
	}

}
