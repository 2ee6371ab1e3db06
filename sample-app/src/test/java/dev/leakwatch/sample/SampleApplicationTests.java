package dev.leakwatch.sample;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app on a real port, doing its healthy background work: no suspects until a
 * leak is made, then exactly the leak, then nothing again after a reset.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "leakwatch.stuck-threshold=1s",
		"leakwatch.sample-interval=200ms", "sample.inbox.tick=150ms", "sample.inbox.slow-every=20" })
class SampleApplicationTests {

	private SampleClient sample;

	@LocalServerPort
	void connect(int port) {
		this.sample = new SampleClient(port);
	}

	@AfterEach
	void reset() {
		this.sample.resetAndAwaitHealthy();
	}

	@Test
	void healthyWorkIsNeverASuspect() throws InterruptedException {
		for (int i = 0; i < 15; i++) {
			assertThat(this.sample.suspects()).isEmpty();
			Thread.sleep(200);
		}
		assertThat(this.sample.leaks().get("sources").toString()).contains("reportExecutor")
			.contains("\"kind\":\"async\"")
			.contains("applicationTaskExecutor");
	}

	@Test
	void aConsumerFedSlowerThanTheThresholdIsNeverASuspect(@Autowired InboxConsumer inbox) throws InterruptedException {
		long before = inbox.consumed();
		// two slow messages 3 s apart, each wait three times the 1 s threshold
		for (int i = 0; i < 35; i++) {
			assertThat(this.sample.suspects()).noneMatch((suspect) -> suspect.contains("inboxExecutor"));
			Thread.sleep(200);
		}
		assertThat(inbox.consumed()).isGreaterThan(before);
	}

	@Test
	void blockedPutsAreFoundAndResetClearsThem() {
		this.sample.leak("blocked-put", 6);
		// four workers block; the rest of the leak, and the healthy reports behind it,
		// starve in the queue
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.sample.suspects()).hasSize(2)
				.contains("STUCK_TASK reportExecutor PublishReport x4")
				.anyMatch((suspect) -> suspect.startsWith("STARVED_QUEUE reportExecutor null x")));
		this.sample.reset();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(this.sample.suspects()).isEmpty());
	}

	@Test
	void deadlockIsFound() {
		this.sample.leak("deadlock", 1);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.sample.suspects()).containsExactly("DEADLOCK null null x2"));
	}

	@Test
	void badCountIsAClearError() {
		this.sample.http()
			.post()
			.uri("/leaks/blocked-put?count=0")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.detail")
			.isEqualTo("count for blocked-put must be a whole number from 1 to 50, was '0'");
		assertThat(this.sample.suspects()).isEmpty();
	}

}
