package dev.leakwatch.autoconfigure.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.leakwatch.core.task.InFlightRequest;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Tracks each {@code RestClient} request from execution until its response is closed or
 * its body read to the end; a failed execution ends it at once. The caller's thread waits
 * for the response, so a stuck request shows that thread's stack. Every read that returns
 * bytes is progress, so a slow download is not stuck.
 */
final class TrackingRestClientInterceptor implements ClientHttpRequestInterceptor {

	static final String URI_TEMPLATE_ATTRIBUTE = RestClient.class.getName() + ".uriTemplate";

	private final TaskTracker tracker;

	private final HttpSources sources;

	private final String stuckNote;

	TrackingRestClientInterceptor(TaskTracker tracker, HttpSources sources, String stuckNote) {
		this.tracker = tracker;
		this.sources = sources;
		this.stuckNote = stuckNote;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		TaskSource source = this.sources.source(request.getMethod().name(), request.getURI(),
				request.getAttributes().get(URI_TEMPLATE_ATTRIBUTE));
		InFlightRequest inFlight = this.tracker.beginRequest(source, source.name(), this.stuckNote,
				Thread.currentThread());
		ClientHttpResponse response;
		try {
			response = execution.execute(request, body);
		}
		catch (IOException | RuntimeException | Error ex) {
			inFlight.end();
			throw ex;
		}
		inFlight.responded();
		return new TrackedResponse(response, inFlight);
	}

	/** The response, ending its request when it is closed or its body read to the end. */
	private static final class TrackedResponse implements ClientHttpResponse {

		private final ClientHttpResponse response;

		private final InFlightRequest inFlight;

		TrackedResponse(ClientHttpResponse response, InFlightRequest inFlight) {
			this.response = response;
			this.inFlight = inFlight;
		}

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() throws IOException {
			return new FilterInputStream(this.response.getBody()) {

				@Override
				public int read() throws IOException {
					return afterRead(super.read());
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return afterRead(super.read(buffer, offset, length));
				}

				@Override
				public void close() throws IOException {
					try {
						super.close();
					}
					finally {
						TrackedResponse.this.inFlight.end();
					}
				}

			};
		}

		/**
		 * A read's outcome: the end of the body ends the request, anything else is
		 * progress.
		 */
		private int afterRead(int read) {
			if (read < 0) {
				this.inFlight.end();
			}
			else {
				this.inFlight.progressed();
			}
			return read;
		}

		@Override
		public void close() {
			try {
				this.response.close();
			}
			finally {
				this.inFlight.end();
			}
		}

	}

}
