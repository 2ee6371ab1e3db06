package dev.leakwatch.autoconfigure.growth;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

import dev.leakwatch.autoconfigure.AwaitRelease;
import dev.leakwatch.autoconfigure.VirtualThreadStarter;
import dev.leakwatch.autoconfigure.executor.TrackedExecutorBean;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.Sample;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnJre;
import org.junit.jupiter.api.condition.JRE;
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
 * Virtual threads, with {@code leakwatch.virtual-threads} on: tracked tasks on a
 * virtual-thread-per-task executor bean, a virtual thread per call parked forever found
 * by growth, and the endpoint's virtual count and groups. On Java 17 the endpoint says
 * why there are none, and nothing fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "leakwatch.stuck-threshold=1s", "leakwatch.sample-interval=200ms", "leakwatch.growth-window=10s",
				"leakwatch.thread-growth.min-increase=20", "leakwatch.virtual-threads=true",
				"management.endpoints.web.exposure.include=leaks" })
class VirtualThreadsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private LeakDetector detector;

	@Autowired
	private ExecutorService perTaskExecutor;

	@LocalServerPort
	private int port;

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void release() {
		this.release.countDown();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadPerCallParkedForeverIsThreadGrowth() throws Exception {
		LeakDetector virtualAware = this.detector;
		Sample before = virtualAware.latest();
		await().atMost(Duration.ofSeconds(10)).until(() -> virtualAware.latest() != before);
		for (int i = 0; i < 25; i++) {
			VirtualThreadStarter.startVirtual("order-stream-" + i, this::awaitRelease);
		}
		JsonNode report = getJson("/actuator/leaks?virtual=true");
		assertThat(report.get("threads").get("virtual").asInt()).isGreaterThanOrEqualTo(25);
		assertThat(report.get("groups").toString())
			.contains("\"count\":25,\"state\":\"WAITING\",\"families\":[\"order-stream-#\"]");
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Suspect growth = suspect(virtualAware.report(true), SuspectKind.THREAD_GROWTH, "virtual:order-stream-#");
			assertThat(growth.count()).isEqualTo(25);
			assertThat(growth.stack()).anyMatch((frame) -> frame.contains("CountDownLatch.await"));
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void taskStuckOnAVirtualThreadIsFound() {
		assertThat(this.perTaskExecutor).isInstanceOf(TrackedExecutorBean.class);
		this.perTaskExecutor.execute(new AwaitRelease(this.release));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Suspect stuck = suspect(this.detector.report(true), SuspectKind.STUCK_TASK, "perTaskExecutor");
			assertThat(stuck.task()).isEqualTo("AwaitRelease");
			assertThat(stuck.stack()).anyMatch((frame) -> frame.contains("CountDownLatch.await"));
		});
	}

	@Test
	@EnabledOnJre(JRE.JAVA_17)
	void onJava17TheReportSaysWhyThereAreNoVirtualThreads() throws Exception {
		JsonNode report = getJson("/actuator/leaks?virtual=true");
		assertThat(report.get("notes").toString()).contains("needs Java 21+");
		assertThat(report.get("threads").get("virtual")).isNull();
	}

	@Test
	void aVirtualValueThatIsNoBooleanIsABadRequest() throws Exception {
		assertThat(get("/actuator/leaks?virtual=maybe").statusCode()).isEqualTo(400);
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Starts a virtual thread from code compiled for Java 17. */
	private static Suspect suspect(LeakReport report, SuspectKind kind, String source) {
		return report.suspects()
			.stream()
			.filter((suspect) -> suspect.kind() == kind && source.equals(suspect.source()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + source + " in " + report.suspects()));
	}

	private JsonNode getJson(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class VirtualApplication {

		/**
		 * A virtual thread per task on Java 21+; a cached pool on 17, where the virtual
		 * tests do not run.
		 */
		@Bean(destroyMethod = "shutdownNow")
		ExecutorService perTaskExecutor() throws Exception {
			try {
				Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
				return (ExecutorService) factory.invoke(null);
			}
			catch (NoSuchMethodException ex) {
				return java.util.concurrent.Executors.newCachedThreadPool();
			}
		}

	}

}
