package dev.leakwatch.core.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Wraps a {@link Runnable} handed to {@code execute} (counted as queued until it starts)
 * or scheduled (each run counted, never queued). Exceptions pass through untouched.
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

	// Plain: written before the task is handed to the executor, whose hand-off publishes
	// it to the running
	// thread; then set once more by the run, or by a compare-and-set on the paths where
	// the task never runs.
	private int queueState;

	/**
	 * The submitting thread's slot, or {@code null}; written with {@link #queueState}. A
	 * run on that thread (caller-runs) takes it rather than look its slot up again.
	 */
	private RunningSlots.Slot submitter;

	TrackedRunnable(Runnable delegate, TaskSource source, String label) {
		super(delegate, source, label, false);
	}

	/** Counts this task as queued; called just before it is handed to the executor. */
	void enqueue() {
		this.queueState = QUEUED;
		this.submitter = source().slots().submitted(source());
	}

	/**
	 * Takes this task out of the queued count, once, when it will never run: rejected or
	 * drained.
	 */
	void leaveQueue() {
		if (this.queueState == QUEUED && QUEUE_STATE.compareAndSet(this, QUEUED, LEFT_QUEUE)) {
			source().leftQueueUnrun();
		}
	}

	/**
	 * Runs the task, counted as leaving the queue if it was queued. The run marks the
	 * record with a plain store, so that a task run inline by the submitting thread (a
	 * caller-runs policy) that throws is not taken out of the queue a second time by
	 * {@code execute}'s failure path.
	 */
	@Override
	public void run() {
		boolean fromQueue = this.queueState == QUEUED;
		if (fromQueue) {
			this.queueState = LEFT_QUEUE;
		}
		RunningSlots.Slot submitter = this.submitter;
		RunningSlots.Slot slot = (submitter != null && submitter.ofCurrentThread()) ? submitter : slot();
		RunningSlots.Outer outer = slot.enter(this, TaskClock.SHARED.nanoTime(), fromQueue);
		try {
			delegate().run();
		}
		finally {
			slot.exit(this, outer);
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
