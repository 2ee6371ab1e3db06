package dev.leakwatch.sample.upstream;

import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The upstream service the sample calls, served by the sample itself so that it needs
 * nothing else. Some of its answers can be held: a held request is answered only when
 * {@link #answerStalled()} or {@link #resumeInventory()} is called, which is how reset
 * ends the HTTP leaks without the calling code knowing.
 */
@RestController
@RequestMapping("/upstream")
public class FakeUpstream {

	/**
	 * The size of {@code /upstream/report}: more than a socket buffer, so a client must
	 * read it.
	 */
	static final int REPORT_BYTES = 256 * 1024;

	private static final String REPORT = "r".repeat(REPORT_BYTES);

	private final AtomicReference<Sinks.Empty<Void>> stalledAnswer = new AtomicReference<>(Sinks.empty());

	private final AtomicReference<Sinks.Empty<Void>> inventoryAnswer = new AtomicReference<>(Sinks.empty());

	private volatile boolean inventoryStalled;

	/** The inventory, at once; or held while the inventory is stalled. */
	@GetMapping("/inventory")
	Mono<String> inventory() {
		return this.inventoryStalled ? held(this.inventoryAnswer, "0 items") : Mono.just("42 items");
	}

	/** Accepts the request and holds it until the next {@link #answerStalled()}. */
	@GetMapping("/stalled")
	Mono<String> stalled() {
		return held(this.stalledAnswer, "late");
	}

	/** A report large enough that nobody can leave it unread by accident. */
	@GetMapping(path = "/report", produces = MediaType.TEXT_PLAIN_VALUE)
	Mono<String> report() {
		return Mono.just(REPORT);
	}

	/** From now on {@code /upstream/inventory} holds its requests. */
	public void stallInventory() {
		this.inventoryStalled = true;
	}

	public boolean isInventoryStalled() {
		return this.inventoryStalled;
	}

	/** Answers every {@code /upstream/stalled} request held so far. */
	public void answerStalled() {
		answer(this.stalledAnswer);
	}

	/** Stops stalling the inventory and answers every inventory request held so far. */
	public void resumeInventory() {
		this.inventoryStalled = false;
		answer(this.inventoryAnswer);
	}

	private static Mono<String> held(AtomicReference<Sinks.Empty<Void>> answer, String body) {
		return answer.get().asMono().then(Mono.just(body));
	}

	private static void answer(AtomicReference<Sinks.Empty<Void>> answer) {
		answer.getAndSet(Sinks.empty()).tryEmitEmpty();
	}

}
