package dev.leakwatch.sample.leaks;

import java.util.concurrent.atomic.AtomicInteger;

import dev.leakwatch.sample.upstream.UpstreamClient;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;

/**
 * A report fetched with {@code retrieve().toEntityFlux(...)}, its status checked and its
 * body never subscribed: the connection is never returned to the pool and the received
 * buffers are never freed. The JVM form of Go's unclosed {@code resp.Body}.
 * <p>
 * Fix: consume or release the body on every path: {@code bodyToMono},
 * {@code toBodilessEntity()}, or {@code exchangeToMono}, which releases whatever the
 * function leaves unread.
 */
@Component
class UnconsumedBody implements Leak {

	private final UpstreamClient upstream;

	private final Held<Flux<DataBuffer>> unread = new Held<>();

	private final AtomicInteger pending = new AtomicInteger();

	UnconsumedBody(UpstreamClient upstream) {
		this.upstream = upstream;
	}

	@Override
	public String name() {
		return "unconsumed-body";
	}

	@Override
	public int maxPerCall() {
		return 10;
	}

	/** {@code count} responses left unread. */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			this.pending.incrementAndGet();
			this.upstream.require()
				.get()
				.uri("/upstream/report")
				.retrieve()
				.toEntityFlux(DataBuffer.class)
				.doFinally((signal) -> this.pending.decrementAndGet())
				.subscribe((response) -> {
					if (response.getStatusCode().is2xxSuccessful()) {
						this.unread.add(response.getBody()); // status fine, body "later":
																// never
					}
				}, (error) -> {
				});
		}
	}

	@Override
	public int outstanding() {
		return this.unread.size() + this.pending.get();
	}

	@Override
	public int release() {
		return this.unread.release((body) -> body.subscribe(DataBufferUtils::release, (error) -> {
		}));
	}

}
