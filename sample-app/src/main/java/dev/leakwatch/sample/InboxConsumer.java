package dev.leakwatch.sample;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Healthy: a consumer loop on the {@code inboxExecutor} bean that takes messages from its
 * inbox, fed less often than the stuck threshold: a message every
 * {@code sample.inbox.tick} (3 s) for the first few, then one every
 * {@code sample.inbox.slow-every} ticks (30 s). Its task runs for the application's whole
 * life and spends nearly all of it waiting in {@code take()}, yet it is no leak: it wakes
 * for each message and waits again on the same queue, which leakwatch recognises as a
 * worker waiting for work.
 */
@Component
public class InboxConsumer {

	/** Quick messages at start-up, one a tick, before the slow rhythm. */
	static final int WARM_UP_MESSAGES = 4;

	private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();

	private final ExecutorService inboxExecutor;

	private final AtomicLong ticks = new AtomicLong();

	private final AtomicLong consumed = new AtomicLong();

	private final int slowEvery;

	InboxConsumer(ExecutorService inboxExecutor, @Value("${sample.inbox.slow-every:10}") int slowEvery) {
		this.inboxExecutor = inboxExecutor;
		this.slowEvery = slowEvery;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.inboxExecutor.execute(this::consume);
	}

	@Scheduled(fixedRateString = "${sample.inbox.tick:3s}")
	void deliver() {
		long tick = this.ticks.getAndIncrement();
		if (tick < WARM_UP_MESSAGES || tick % this.slowEvery == 0) {
			this.inbox.add("message " + tick);
		}
	}

	/** Messages consumed so far. */
	public long consumed() {
		return this.consumed.get();
	}

	private void consume() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				this.inbox.take();
				this.consumed.incrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt(); // the executor shuts down with the
												// application
		}
	}

}
