package dev.leakwatch.sample.leaks;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.stereotype.Component;

/**
 * An import: the request hands a file's lines to a consumer task on
 * {@code reportExecutor} through a queue, and returns when the lines run out without
 * telling the consumer it is done. The consumer loops on {@code take()} for lines that
 * never come: Go's {@code for line := range lines} whose sender returned without
 * {@code close(lines)}. Only the consumer's own task still knows the queue, so nothing
 * that can run can ever put to it, and a heap proof proves the consumer leaked.
 * <p>
 * Fix: end the stream on every exit path of the producer (a poison pill the consumer
 * stops at, in a {@code finally}), or {@code poll(timeout, unit)} in the consumer and
 * stop when it times out.
 */
@Component
class OrphanedConsumer implements Leak {

	private static final int LINES = 3;

	private final ThreadPoolExecutor reportExecutor;

	/**
	 * The consumers, so that reset can interrupt them. Each handle knows the consumer's
	 * thread, never its queue: holding a thread is no way to put to its queue, so the
	 * handles keep the proof's verdict what it would be without them.
	 */
	private final Held<Consumer> consumers = new Held<>();

	OrphanedConsumer(ThreadPoolExecutor reportExecutor) {
		this.reportExecutor = reportExecutor;
	}

	@Override
	public String name() {
		return "orphaned-consumer";
	}

	/**
	 * {@code count} consumers, each fed a few lines by this request, which then leaves.
	 */
	@Override
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			BlockingQueue<String> lines = new LinkedBlockingQueue<>();
			Consumer consumer = new Consumer();
			this.consumers.add(consumer);
			this.reportExecutor.execute(new ConsumeLines(lines, consumer));
			for (int line = 1; line <= LINES; line++) {
				lines.add("line " + line);
			}
			// the producer is done and returns; nobody tells the consumer
		}
	}

	@Override
	public int outstanding() {
		return this.consumers.size();
	}

	@Override
	public int release() {
		return this.consumers.release(Consumer::stop);
	}

	/**
	 * Reset's handle on one consumer: its thread once it runs, and whether it was told to
	 * stop.
	 */
	static final class Consumer {

		private volatile Thread thread;

		private volatile boolean stopped;

		/**
		 * Interrupts the consumer, or keeps it from looping if it has not started yet.
		 */
		void stop() {
			this.stopped = true;
			Thread running = this.thread;
			if (running != null) {
				running.interrupt();
			}
		}

		/**
		 * Records the running thread; {@code false} if the consumer was stopped before it
		 * started.
		 */
		boolean start() {
			this.thread = Thread.currentThread();
			return !this.stopped;
		}

	}

	/** A consumer loop that ends only when its queue does, which this one never will. */
	static final class ConsumeLines implements Runnable {

		private final BlockingQueue<String> lines;

		private final Consumer consumer;

		ConsumeLines(BlockingQueue<String> lines, Consumer consumer) {
			this.lines = lines;
			this.consumer = consumer;
		}

		@Override
		public void run() {
			if (!this.consumer.start()) {
				return;
			}
			try {
				while (true) {
					this.lines.take();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
