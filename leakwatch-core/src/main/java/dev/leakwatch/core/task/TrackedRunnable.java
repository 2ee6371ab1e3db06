package dev.leakwatch.core.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Wraps a {@link Runnable} handed to {@code execute} (counted as queued until it starts) or scheduled (each
 * run counted, never queued). Exceptions pass through untouched.
 */
final class TrackedRunnable extends TaskRecord implements Runnable {

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

	@SuppressWarnings("unused") // accessed through QUEUE_STATE
	private volatile int queueState;

	TrackedRunnable(Runnable delegate, TaskSource source, String label) {
		super(delegate, source, label, false);
	}

	/** Counts this task as queued; called just before it is handed to the executor. */
	void enqueue() {
		this.queueState = QUEUED;
		source().submitted();
	}

	/** Takes this task out of the queued count once: when it starts, or when it will never start. */
	void leaveQueue() {
		if (this.queueState == QUEUED && QUEUE_STATE.compareAndSet(this, QUEUED, LEFT_QUEUE)) {
			source().dequeued();
		}
	}

	@Override
	public void run() {
		leaveQueue();
		RunningSlots.Slot slot = beginRun(System.nanoTime());
		TrackedTask outer = slot.enter(this);
		try {
			delegate().run();
		}
		finally {
			source().endRun(slot, outer);
		}
	}

	/** The submitted task, kept once, in the record. */
	Runnable delegate() {
		return (Runnable) task();
	}

	@Override
	public String toString() {
		return "Tracked[" + task() + "]";
	}

}
