package dev.leakwatch.core.task;

import java.util.Objects;

/**
 * One HTTP request from the moment it is sent until its response body is consumed,
 * released or cancelled, or the exchange fails. Not bound to a thread (a reactive
 * exchange has none); {@link #end()} is idempotent. Each chunk or event its body delivers
 * is {@link #progressed() progress}, so that a slow download or a live event stream is
 * told from a body nobody reads.
 */
public final class InFlightRequest extends TaskRecord {

	private final String note;

	private final Thread thread;

	private volatile long respondedNanos;

	private volatile long progressNanos;

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

	/**
	 * Its body delivered bytes or events to the reader. Called per chunk, so it costs a
	 * read of the task clock and a write only when the clock has ticked since the last
	 * chunk.
	 */
	public void progressed() {
		long now = TaskClock.SHARED.nanoTime();
		if (this.progressNanos != now) {
			this.progressNanos = now;
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

	long progressNanos() {
		return this.progressNanos;
	}

	String note() {
		return this.note;
	}

	Thread thread() {
		return this.thread;
	}

}
