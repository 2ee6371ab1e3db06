package dev.leakwatch.autoconfigure.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole starter in a real application on a real port: real leaks are found through
 * {@code /actuator/leaks} (JSON and text) and {@code /actuator/prometheus}, healthy
 * threads are not, and tracking state goes back to zero once the leaks are released.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "leakwatch.stuck-threshold=1s",
		"leakwatch.sample-interval=200ms", "management.endpoints.web.exposure.include=leaks,prometheus" })
class LeaksEndpointIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final SynchronousQueue<String> noTaker = new SynchronousQueue<>();

	private final List<Thread> deadlocked = new ArrayList<>();

	@LocalServerPort
	private int port;

	@Autowired
	private ThreadPoolExecutor reportExecutor;

	@Autowired
	private ThreadPoolExecutor cpuExecutor;

	@Autowired
	private ThreadPoolExecutor idlePool;

	@AfterEach
	void releaseLeaks() throws InterruptedException {
		this.noTaker.poll(1, TimeUnit.SECONDS);
		this.deadlocked.forEach(Thread::interrupt);
		for (Thread thread : this.deadlocked) {
			thread.join(5000);
		}
	}

	@Test
	void findsEachLeakAndNothingElse() throws Exception {
		Future<?> progressing = this.cpuExecutor.submit(new ProgressingWork(Duration.ofSeconds(3)));
		this.reportExecutor.execute(new BlockedPut(this.noTaker));
		this.reportExecutor.execute(new QueuedBehind());
		startDeadlock();

		// A healthy but long task and an idle pool are never suspects, however often we
		// look.
		while (!progressing.isDone()) {
			JsonNode suspects = getJson("/actuator/leaks").get("suspects");
			for (JsonNode suspect : suspects) {
				assertThat(text(suspect, "source")).isNotIn("cpuExecutor", "idlePool");
			}
			Thread.sleep(200);
		}

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(kindsAndSources(getJson("/actuator/leaks"))).containsExactlyInAnyOrder(
					"STUCK_TASK reportExecutor", "STARVED_QUEUE reportExecutor", "DEADLOCK null"));
		JsonNode report = getJson("/actuator/leaks");
		assertThat(LeaksJsonContractTests.fieldsOf(report)).isSubsetOf(LeaksJsonContractTests.REPORT_FIELDS);
		assertThat(report.get("stuckThresholdSeconds").asDouble()).isEqualTo(1.0);
		assertThat(report.get("timestamp").asString()).isNotBlank();

		JsonNode stuck = suspect(report, "STUCK_TASK");
		assertThat(stuck.get("task").asString()).isEqualTo("BlockedPut");
		assertThat(stuck.get("count").asInt()).isEqualTo(1);
		assertThat(stuck.get("state").asString()).isEqualTo("WAITING");
		assertThat(stuck.get("threads").get(0).asString()).isEqualTo("report-1");
		assertThat(stuck.get("oldestAgeSeconds").asDouble()).isGreaterThanOrEqualTo(1.0);
		assertThat(stuck.get("stack").toString()).contains("java.util.concurrent.SynchronousQueue.put");
		assertThat(stuck.get("submittedFrom").isEmpty()).isTrue();
		JsonNode starved = suspect(report, "STARVED_QUEUE");
		assertThat(starved.get("count").asInt()).isEqualTo(1);
		assertThat(starved.get("stack").toString()).contains("SynchronousQueue.put");

		JsonNode source = source(report, "reportExecutor");
		assertThat(source.get("kind").asString()).isEqualTo("executor");
		assertThat(source.get("active").asLong()).isEqualTo(1);
		assertThat(source.get("queued").asLong()).isEqualTo(1);
		assertThat(source.get("stuck").asLong()).isEqualTo(1);
		assertThat(source(report, "cpuExecutor").get("completed").asLong()).isEqualTo(1);

		JsonNode deadlock = report.get("deadlocks").get(0);
		assertThat(deadlock.get("threads")).hasSize(2);
		Set<String> names = new HashSet<>();
		for (JsonNode thread : deadlock.get("threads")) {
			names.add(thread.get("name").asString());
			assertThat(thread.get("lock").asString()).contains("ReentrantLock");
			assertThat(thread.get("lockOwner").asString()).startsWith("deadlock-");
		}
		assertThat(names).containsExactlyInAnyOrder("deadlock-a", "deadlock-b");

		JsonNode idleGroup = null;
		for (JsonNode group : report.get("groups")) {
			if (group.get("families").toString().contains("idle-#")) {
				idleGroup = group;
			}
		}
		assertThat(idleGroup).isNotNull();
		// idle workers of other pools share the stack, and fold into the same group
		assertThat(idleGroup.get("count").asInt()).isGreaterThanOrEqualTo(8);
		assertThat(idleGroup.get("idle").asBoolean()).isTrue();
		assertThat(report.get("threads").get("live").asInt()).isGreaterThan(10);
		assertThat(report.get("threads").get("families").toString()).contains("\"family\":\"idle-#\",\"count\":8");

		String text = get("/actuator/leaks", "text/plain");
		assertThat(text).startsWith("leakwatch ");
		assertThat(text.lines().findFirst().get()).contains("4 suspects").contains("1 deadlock,");
		assertThat(text).contains("SUSPECTS (3)")
			.contains("STUCK_TASK x1 source=reportExecutor task=BlockedPut state=WAITING")
			.contains("/java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java")
			.contains("DEADLOCKS (1)")
			.containsPattern("\\d+ @ WAITING \\[[^]]*idle-#[^]]*\\] \\(idle\\)");
		assertThat(text.indexOf("SUSPECTS")).isLessThan(text.indexOf("DEADLOCKS"));
		assertThat(text.indexOf("DEADLOCKS")).isLessThan(text.indexOf("THREADS BY STACK"));

		String scrape = get("/actuator/prometheus", "text/plain");
		assertThat(scrape).contains("leakwatch_tasks_stuck{kind=\"executor\",source=\"reportExecutor\"} 1.0")
			.contains("leakwatch_tasks_active{kind=\"executor\",source=\"reportExecutor\"} 1.0")
			.contains("leakwatch_tasks_queued{kind=\"executor\",source=\"reportExecutor\"} 1.0")
			.contains("leakwatch_tasks_completed_total{kind=\"executor\",source=\"cpuExecutor\"} 1.0")
			.contains("leakwatch_tasks_oldest_seconds{kind=\"executor\",source=\"reportExecutor\"}")
			.contains("leakwatch_suspects{kind=\"stuck_task\"} 1.0")
			.contains("leakwatch_suspects{kind=\"starved_queue\"} 1.0")
			.contains("leakwatch_suspects{kind=\"deadlock\"} 2.0")
			.contains("leakwatch_threads_deadlocked 2.0")
			.contains("leakwatch_threads{family=\"idle-#\"} 8.0")
			.contains("jvm_threads_live_threads");

		// Released, the leaks leave nothing behind.
		releaseLeaks();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			JsonNode after = getJson("/actuator/leaks");
			assertThat(after.get("suspects").isEmpty()).isTrue();
			assertThat(source(after, "reportExecutor").get("active").asLong()).isZero();
			assertThat(source(after, "reportExecutor").get("queued").asLong()).isZero();
			assertThat(source(after, "reportExecutor").get("completed").asLong()).isEqualTo(2);
		});
	}

	private void startDeadlock() {
		ReentrantLock first = new ReentrantLock();
		ReentrantLock second = new ReentrantLock();
		this.deadlocked.add(lockBoth("deadlock-a", first, second));
		this.deadlocked.add(lockBoth("deadlock-b", second, first));
		this.deadlocked.forEach(Thread::start);
	}

	private static Thread lockBoth(String name, ReentrantLock outer, ReentrantLock inner) {
		Thread thread = new Thread(() -> {
			outer.lock();
			try {
				Thread.sleep(200); // both take their first lock before either asks for
									// its second
				inner.lockInterruptibly();
				inner.unlock();
			}
			catch (InterruptedException ex) {
				// released by the test
			}
			finally {
				outer.unlock();
			}
		}, name);
		thread.setDaemon(true);
		return thread;
	}

	private static List<String> kindsAndSources(JsonNode report) {
		List<String> found = new ArrayList<>();
		for (JsonNode suspect : report.get("suspects")) {
			found.add(suspect.get("kind").asString() + " " + text(suspect, "source"));
		}
		return found;
	}

	/** A field's text, or "null": the actuator leaves null fields out. */
	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : "null";
	}

	private static JsonNode suspect(JsonNode report, String kind) {
		for (JsonNode suspect : report.get("suspects")) {
			if (suspect.get("kind").asString().equals(kind)) {
				return suspect;
			}
		}
		throw new AssertionError("no " + kind + " suspect in " + report.get("suspects"));
	}

	private static JsonNode source(JsonNode report, String name) {
		for (JsonNode source : report.get("sources")) {
			if (source.get("source").asString().equals(name)) {
				return source;
			}
		}
		throw new AssertionError("no source " + name + " in " + report.get("sources"));
	}

	private JsonNode getJson(String path) throws Exception {
		return json.readTree(get(path, "application/json"));
	}

	private String get(String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	/** Blocks putting into a queue nobody takes from: a channel send with no receiver. */
	static final class BlockedPut implements Runnable {

		private final SynchronousQueue<String> queue;

		BlockedPut(SynchronousQueue<String> queue) {
			this.queue = queue;
		}

		@Override
		public void run() {
			try {
				this.queue.put("report");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	static final class QueuedBehind implements Runnable {

		@Override
		public void run() {
		}

	}

	/**
	 * CPU work for a while, its stack moving between two methods: long, but progressing.
	 */
	static final class ProgressingWork implements Runnable {

		private final long nanos;

		private long sink;

		ProgressingWork(Duration duration) {
			this.nanos = duration.toNanos();
		}

		@Override
		public void run() {
			long end = System.nanoTime() + this.nanos;
			while (System.nanoTime() < end) {
				this.sink += even(1000) + odd(1000);
			}
		}

		private long even(int n) {
			long sum = 0;
			for (int i = 0; i < n; i += 2) {
				sum += Long.hashCode(sum ^ i);
			}
			return sum;
		}

		private long odd(int n) {
			long sum = 0;
			for (int i = 1; i < n; i += 2) {
				sum += Long.hashCode(sum * 31 + i);
			}
			return sum;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LeakyApplication {

		@Bean(destroyMethod = "shutdownNow")
		ThreadPoolExecutor reportExecutor() {
			return pool(1, "report-");
		}

		@Bean(destroyMethod = "shutdownNow")
		ThreadPoolExecutor cpuExecutor() {
			return pool(1, "cpu-");
		}

		@Bean(destroyMethod = "shutdownNow")
		ThreadPoolExecutor idlePool() {
			ThreadPoolExecutor pool = pool(8, "idle-");
			pool.prestartAllCoreThreads();
			return pool;
		}

		private static ThreadPoolExecutor pool(int threads, String prefix) {
			AtomicInteger count = new AtomicInteger();
			ThreadFactory factory = (task) -> new Thread(task, prefix + count.incrementAndGet());
			return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
		}

	}

}
