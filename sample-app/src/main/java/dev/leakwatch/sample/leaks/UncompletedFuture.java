package dev.leakwatch.sample.leaks;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Tasks on {@code reportExecutor} that wait for a quote whose {@link CompletableFuture}
 * nobody completes: the callback that should complete it was never registered, or threw
 * before it could.
 * <p>
 * Fix: {@code quote.get(timeout, unit)} or {@code quote.orTimeout(...)}, and complete the
 * future exceptionally on every failure path of its producer.
 */
@Component
class UncompletedFuture implements Leak {

	private final ThreadPoolExecutor reportExecutor;

	private final Held<CompletableFuture<BigDecimal>> quotes = new Held<>();

	private final AtomicInteger outstanding = new AtomicInteger();

	UncompletedFuture(ThreadPoolExecutor reportExecutor) {
		this.reportExecutor = reportExecutor;
	}

	@Override
	public String name() {
		return "future";
	}

	/** {@code count} tasks waiting for one quote that never comes. */
	@Override
	public void leak(int count) {
		CompletableFuture<BigDecimal> quote = new CompletableFuture<>();
		this.quotes.add(quote);
		for (int i = 0; i < count; i++) {
			this.outstanding.incrementAndGet();
			this.reportExecutor.execute(new AwaitQuote(quote));
		}
	}

	@Override
	public int outstanding() {
		return this.outstanding.get();
	}

	@Override
	public int release() {
		this.quotes.release((quote) -> quote.complete(BigDecimal.ZERO));
		return this.outstanding.getAndSet(0);
	}

	/** A pricing task waiting for its quote. */
	static final class AwaitQuote implements Runnable {

		private final CompletableFuture<BigDecimal> quote;

		AwaitQuote(CompletableFuture<BigDecimal> quote) {
			this.quote = quote;
		}

		@Override
		public void run() {
			try {
				this.quote.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException ex) {
				// a failed quote is an answer too
			}
		}

	}

}
