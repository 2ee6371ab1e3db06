package dev.leakwatch.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app over real HTTP: its leak endpoints and what {@code /actuator/leaks} says
 * about them.
 */
final class SampleClient {

	/**
	 * A heap proof dumps and analyses the whole heap: seconds, more on a loaded machine.
	 */
	private static final Duration PROOF_TIMEOUT = Duration.ofMinutes(2);

	private final WebTestClient client;

	SampleClient(int port) {
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	WebTestClient http() {
		return this.client;
	}

	void leak(String name, int count) {
		this.client.post().uri("/leaks/{name}?count={count}", name, count).exchange().expectStatus().isOk();
	}

	void reset() {
		this.client.post().uri("/leaks/reset").exchange().expectStatus().isOk();
	}

	/**
	 * Resets and waits until the sample holds nothing and leakwatch suspects nothing: the
	 * next test starts clean.
	 */
	void resetAndAwaitHealthy() {
		reset();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(outstanding()).allSatisfy((leak, units) -> assertThat(units).as(leak).isZero());
			assertThat(suspects()).isEmpty();
		});
	}

	/** What the sample itself holds per leak, {@code GET /leaks}. */
	Map<String, Integer> outstanding() {
		JsonNode body = report(this.client, "/leaks");
		Map<String, Integer> outstanding = new HashMap<>();
		body.properties().forEach((entry) -> outstanding.put(entry.getKey(), entry.getValue().asInt()));
		return outstanding;
	}

	JsonNode leaks() {
		return report(this.client, "/actuator/leaks");
	}

	/** Each suspect as {@code KIND source task xCOUNT}. */
	List<String> suspects() {
		return describe(leaks(), false);
	}

	/**
	 * Each suspect of a report with a heap proof as
	 * {@code KIND source task xCOUNT proof}.
	 */
	List<String> provenSuspects() {
		return describe(
				report(this.client.mutate().responseTimeout(PROOF_TIMEOUT).build(), "/actuator/leaks?proof=true"),
				true);
	}

	/** Live threads in {@code family}, 0 when there are none. */
	int threadsInFamily(String family) {
		for (JsonNode count : leaks().get("threads").get("families")) {
			if (count.get("family").asString().equals(family)) {
				return count.get("count").asInt();
			}
		}
		return 0;
	}

	/** Completed runs of the source {@code name} of {@code kind}. */
	long completed(String name, String kind) {
		for (JsonNode source : leaks().get("sources")) {
			if (source.get("source").asString().equals(name) && source.get("kind").asString().equals(kind)) {
				return source.get("completed").asLong();
			}
		}
		throw new AssertionError("no source " + name + " of kind " + kind + " in " + leaks().get("sources"));
	}

	/**
	 * Completed runs on the scheduler {@code name} of tasks other than {@code @Scheduled}
	 * methods, whose runs it counts too: from one report, whose counts are read within
	 * microseconds of each other. The sample's {@code @Scheduled} methods all run on its
	 * one scheduler.
	 */
	long unscheduledRuns(String name) {
		long runs = 0;
		boolean found = false;
		for (JsonNode source : leaks().get("sources")) {
			String kind = source.get("kind").asString();
			if (kind.equals("scheduled")) {
				runs -= source.get("completed").asLong();
			}
			else if (kind.equals("scheduler") && source.get("source").asString().equals(name)) {
				runs += source.get("completed").asLong();
				found = true;
			}
		}
		assertThat(found).as("a scheduler " + name).isTrue();
		return runs;
	}

	private static JsonNode report(WebTestClient client, String uri) {
		return client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static List<String> describe(JsonNode report, boolean withProof) {
		List<String> found = new ArrayList<>();
		for (JsonNode suspect : report.get("suspects")) {
			found.add(suspect.get("kind").asString() + " " + text(suspect, "source") + " " + text(suspect, "task")
					+ " x" + suspect.get("count").asInt() + (withProof ? " " + text(suspect, "proof") : ""));
		}
		return found;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : "null";
	}

}
