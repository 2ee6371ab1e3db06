package dev.leakwatch.sample.upstream;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A {@link WebClient} for {@link FakeUpstream}, built from Boot's
 * {@code WebClient.Builder} (so anything that instruments Boot's clients sees its calls)
 * once the server listens and its port is known.
 */
@Component
public class UpstreamClient {

	private final WebClient.Builder builder;

	private final String host;

	private volatile WebClient client;

	UpstreamClient(WebClient.Builder builder, @Value("${server.address:}") String address) {
		this.builder = builder;
		this.host = hostFor(address);
	}

	@EventListener
	void serverStarted(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.client = this.builder.baseUrl("http://" + this.host + ":" + event.getWebServer().getPort()).build();
		}
	}

	/** The client, or empty while the server is not listening yet. */
	public Optional<WebClient> client() {
		return Optional.ofNullable(this.client);
	}

	/**
	 * Like {@link #client()}, for requests that make no sense before the server listens.
	 */
	public WebClient require() {
		return client().orElseThrow(() -> new IllegalStateException("the server is not listening yet"));
	}

	private static String hostFor(String address) {
		if (address.isBlank() || address.equals("0.0.0.0") || address.equals("::")) {
			return "127.0.0.1";
		}
		return address.contains(":") ? "[" + address + "]" : address;
	}

}
