package dev.leakwatch.core.task;

import java.util.Objects;

import java.util.concurrent.Callable;

/** Wraps a {@link Callable} scheduled with a delay; its run is tracked, it is never counted as queued. */
final class TrackedCallable<V> implements Callable<V>, TrackedTask {

	private final Callable<V> delegate;

	private final TaskSource source;

	private final String label;

	private final long submitNanos;

	private final StackTraceElement[] submitSite;

	private volatile long startNanos;

	TrackedCallable(Callable<V> delegate, TaskSource source) {
		this(delegate, source, null);
	}

	TrackedCallable(Callable<V> delegate, TaskSource source, String label) {
		this.delegate = Objects.requireNonNull(delegate, "task");
		this.source = source;
		this.label = label;
		this.submitNanos = System.nanoTime();
		this.submitSite = source.captureSubmitSite() ? SubmitSites.capture() : SubmitSites.NONE;
	}

	@Override
	public V call() throws Exception {
		this.startNanos = System.nanoTime();
		RunningSlots.Slot slot = this.source.beginRun();
		TrackedTask outer = slot.enter(this);
		try {
			return this.delegate.call();
		}
		finally {
			this.source.endRun(slot, outer);
		}
	}

	@Override
	public TaskSource source() {
		return this.source;
	}

	@Override
	public Object task() {
		return this.delegate;
	}

	@Override
	public String label() {
		return this.label;
	}

	@Override
	public long submitNanos() {
		return this.submitNanos;
	}

	@Override
	public long startNanos() {
		return this.startNanos;
	}

	@Override
	public StackTraceElement[] submitSite() {
		return this.submitSite;
	}

}
