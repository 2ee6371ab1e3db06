package dev.leakwatch.sample.leaks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.leakwatch.sample.upstream.FakeUpstream;
import dev.leakwatch.sample.upstream.UpstreamClient;

import org.springframework.stereotype.Component;

/**
 * A fire-and-forget WebClient call, without a timeout, to an upstream that accepted the
 * request and never answers ({@code GET /upstream/stalled}). No thread waits for it, so
 * no thread dump shows it; it holds a pooled connection (Reactor Netty's default pool has
 * 16 per host, then callers queue for 45s and fail) and its subscription forever.
 * <p>
 * Fix: {@code .timeout(Duration)} on every call, or a response timeout on the connector
 * for all of them ({@code HttpClient.create().responseTimeout(...)}).
 */
@Component
class WebClientWithoutTimeout implements Leak {

	private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

	private final UpstreamClient upstream;

	private final FakeUpstream fakeUpstream;

	private final AtomicInteger inFlight = new AtomicInteger();

	WebClientWithoutTimeout(UpstreamClient upstream, FakeUpstream fakeUpstream) {
		this.upstream = upstream;
		this.fakeUpstream = fakeUpstream;
	}

	@Override
	public String name() {
		return "webclient";
	}

	@Override
	public int maxPerCall() {
		return 10;
	}

	/** {@code count} requests. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			this.inFlight.incrementAndGet();
			this.upstream.require()
				.get()
				.uri("/upstream/stalled")
				.retrieve()
				.bodyToMono(String.class)
				.doFinally((signal) -> this.inFlight.decrementAndGet())
				.subscribe((body) -> {
				}, (error) -> {
				});
		}
	}

	@Override
	public int outstanding() {
		return this.inFlight.get();
	}

	@Override
	public int release() {
		int released = this.inFlight.get();
		if (released == 0) {
			return 0;
		}
		this.fakeUpstream.answerStalled();
		long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
		try {
			while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return released;
	}

}
