package dev.leakwatch.core.task;

import java.util.Objects;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Wraps a {@link Runnable} handed to {@code execute} (counted as queued until it starts) or scheduled (each
 * run counted, never queued). Exceptions pass through untouched.
 */
final class TrackedRunnable implements Runnable, TrackedTask {

	private static final int NOT_QUEUED = 0;

	private static final int QUEUED = 1;

	private static final int LEFT_QUEUE = 2;

	private static final VarHandle QUEUE_STATE;

	static {
		try {
			QUEUE_STATE = MethodHandles.lookup().findVarHandle(TrackedRunnable.class, "queueState", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Runnable delegate;

	private final TaskSource source;

	private final String label;

	private final long submitNanos;

	private final StackTraceElement[] submitSite;

	private volatile long startNanos;

	@SuppressWarnings("unused") // accessed through QUEUE_STATE
	private volatile int queueState;

	TrackedRunnable(Runnable delegate, TaskSource source, String label) {
		this.delegate = Objects.requireNonNull(delegate, "task");
		this.source = source;
		this.label = label;
		this.submitNanos = System.nanoTime();
		this.submitSite = source.captureSubmitSite() ? SubmitSites.capture() : SubmitSites.NONE;
	}

	/** Counts this task as queued; called just before it is handed to the executor. */
	void enqueue() {
		this.queueState = QUEUED;
		this.source.submitted();
	}

	/** Takes this task out of the queued count once: when it starts, or when it will never start. */
	void leaveQueue() {
		if (this.queueState == QUEUED && QUEUE_STATE.compareAndSet(this, QUEUED, LEFT_QUEUE)) {
			this.source.dequeued();
		}
	}

	@Override
	public void run() {
		leaveQueue();
		this.startNanos = System.nanoTime();
		RunningSlots.Slot slot = this.source.beginRun();
		TrackedTask outer = slot.enter(this);
		try {
			this.delegate.run();
		}
		finally {
			this.source.endRun(slot, outer);
		}
	}

	Runnable delegate() {
		return this.delegate;
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

	@Override
	public String toString() {
		return "Tracked[" + this.delegate + "]";
	}

}
