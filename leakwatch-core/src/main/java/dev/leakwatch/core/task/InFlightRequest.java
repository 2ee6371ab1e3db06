package dev.leakwatch.core.task;

import java.util.Objects;

/**
 * One HTTP request from the moment it is sent until its response body is consumed, released or cancelled,
 * or the exchange fails. Not bound to a thread (a reactive exchange has none); {@link #end()} is idempotent.
 */
public final class InFlightRequest extends TaskRecord {

	private final String note;

	private final Thread thread;

	private volatile long respondedNanos;

	private volatile boolean ended;

	InFlightRequest(TaskSource source, String description, String note, Thread thread) {
		super(Objects.requireNonNull(description, "description"), source, description, false);
		this.note = note;
		this.thread = thread;
	}

	/** The response arrived; its body is yet to be consumed. */
	public void responded() {
		if (this.respondedNanos == 0) {
			this.respondedNanos = System.nanoTime();
		}
	}

	/** The exchange is over: body consumed or released, cancelled, or failed. */
	public void end() {
		if (!this.ended) {
			synchronized (this) {
				if (this.ended) {
					return;
				}
				this.ended = true;
			}
			source().tracker().endRequest(this);
		}
	}

	public boolean ended() {
		return this.ended;
	}

	long respondedNanos() {
		return this.respondedNanos;
	}

	String note() {
		return this.note;
	}

	Thread thread() {
		return this.thread;
	}

}
