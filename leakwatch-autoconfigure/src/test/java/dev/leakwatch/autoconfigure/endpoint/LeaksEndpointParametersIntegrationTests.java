package dev.leakwatch.autoconfigure.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/leaks} over real HTTP: a query parameter that does not parse is a
 * {@code 400} naming the parameter and the values it takes, in JSON and in text, without
 * repeating what was sent; the values Spring has always accepted still work.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=leaks")
class LeaksEndpointParametersIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void aVirtualThatIsNotABooleanNamesTheParameterAndTheAcceptedValues() throws Exception {
		HttpResponse<String> response = get("/actuator/leaks?virtual=maybe-s3cret", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).path("error").asString())
			.isEqualTo("Invalid value for query parameter 'virtual': expected true or false (or on/off, yes/no, 1/0)");
		assertThat(response.body()).doesNotContain("s3cret");
	}

	@Test
	void everyBadParameterIsNamedInTextToo() throws Exception {
		HttpResponse<String> response = get("/actuator/leaks?virtual=2&proof=please", "text/plain");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("Invalid value for query parameter 'virtual' and 'proof':"
				+ " expected true or false (or on/off, yes/no, 1/0)");
	}

	@Test
	void theBooleansSpringAcceptsStillWork() throws Exception {
		for (String query : new String[] { "virtual=true", "virtual=FALSE", "virtual=no", "virtual=", "proof=off",
				"proof=0&virtual=1" }) {
			HttpResponse<String> response = get("/actuator/leaks?" + query, "application/json");
			assertThat(response.statusCode()).as(query).isEqualTo(200);
			assertThat(json.readTree(response.body()).has("threads")).as(query).isTrue();
		}
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ParametersApplication {

	}

}
