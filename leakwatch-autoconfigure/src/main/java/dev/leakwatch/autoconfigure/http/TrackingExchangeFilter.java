package dev.leakwatch.autoconfigure.http;

import dev.leakwatch.core.task.InFlightRequest;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tracks each {@code WebClient} exchange from subscription until its response body is
 * consumed, released or cancelled; an error or a cancel before the response ends it too.
 * The response is passed on with its body watched and nothing else changed: each buffer
 * it delivers downstream is progress (an event stream's events, a download's chunks).
 */
final class TrackingExchangeFilter implements ExchangeFilterFunction {

	static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private final TaskTracker tracker;

	private final HttpSources sources;

	private final String stuckNote;

	TrackingExchangeFilter(TaskTracker tracker, HttpSources sources, String stuckNote) {
		this.tracker = tracker;
		this.sources = sources;
		this.stuckNote = stuckNote;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> {
			TaskSource source = this.sources.source(request.method().name(), request.url(),
					request.attribute(URI_TEMPLATE_ATTRIBUTE).orElse(null));
			InFlightRequest inFlight = this.tracker.beginRequest(source, source.name(), this.stuckNote, null);
			return next.exchange(request)
				.doOnCancel(inFlight::end)
				.doOnError((error) -> inFlight.end())
				.map((response) -> {
					inFlight.responded();
					return response.mutate()
						.body((body) -> body.doOnNext((buffer) -> inFlight.progressed())
							.doFinally((signal) -> inFlight.end()))
						.build();
				});
		});
	}

}
