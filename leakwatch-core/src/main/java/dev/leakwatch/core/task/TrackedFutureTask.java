package dev.leakwatch.core.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * The future returned by {@code submit} and {@code invokeAll/Any}: a {@link FutureTask}
 * that is its own tracking record, so a submitted task costs one object, and a cancel
 * before start leaves no queued count.
 */
final class TrackedFutureTask<V> extends FutureTask<V> implements TrackedTask {

	private static final int NOT_QUEUED = 0;

	private static final int QUEUED = 1;

	private static final int LEFT_QUEUE = 2;

	private static final VarHandle QUEUE_STATE;

	static {
		try {
			QUEUE_STATE = MethodHandles.lookup().findVarHandle(TrackedFutureTask.class, "queueState", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Object task;

	private final TaskSource source;

	private final String label;

	private final long submitNanos;

	private final StackTraceElement[] submitSite;

	@SuppressWarnings("unused") // accessed through QUEUE_STATE
	private volatile int queueState = NOT_QUEUED;

	TrackedFutureTask(Callable<V> callable, TaskSource source, String label) {
		super(callable);
		this.task = callable;
		this.source = source;
		this.label = label;
		this.submitNanos = TaskClock.SHARED.nanoTime();
		this.submitSite = source.captureSubmitSite() ? SubmitSites.capture() : SubmitSites.NONE;
	}

	TrackedFutureTask(Runnable runnable, V result, TaskSource source, String label) {
		super(runnable, result);
		this.task = runnable;
		this.source = source;
		this.label = label;
		this.submitNanos = TaskClock.SHARED.nanoTime();
		this.submitSite = source.captureSubmitSite() ? SubmitSites.capture() : SubmitSites.NONE;
	}

	void enqueue() {
		this.queueState = QUEUED;
		this.source.slots().submitted(this.source);
	}

	/**
	 * Takes this task out of the queued count, once, when it will never run: rejected,
	 * drained or cancelled.
	 */
	void leaveQueue() {
		if (takeFromQueue()) {
			this.source.leftQueueUnrun();
		}
	}

	/**
	 * Whether this call took the task out of the queued count: a run and a cancel may
	 * race for it.
	 */
	private boolean takeFromQueue() {
		return this.queueState == QUEUED && QUEUE_STATE.compareAndSet(this, QUEUED, LEFT_QUEUE);
	}

	@Override
	public void run() {
		boolean fromQueue = takeFromQueue();
		if (isDone()) {
			if (fromQueue) {
				this.source.leftQueueUnrun(); // cancelled while queued: FutureTask would
												// not run it either
			}
			return;
		}
		long startNanos = TaskClock.SHARED.nanoTime();
		RunningSlots.Slot slot = this.source.slots().slot();
		if (this.queueState == NOT_QUEUED && slot.shownSource() == this.source) {
			// ExecutorCompletionService (so invokeAny) executes a future of its own that
			// runs this one: that
			// wrapper was queued and its run is counted, so this run only shows which
			// task is running
			RunningSlots.Outer outer = slot.show(this, startNanos);
			try {
				super.run();
			}
			finally {
				slot.restore(outer);
			}
			return;
		}
		RunningSlots.Outer outer = slot.enter(this, startNanos, fromQueue);
		try {
			super.run();
		}
		finally {
			slot.exit(this, outer);
		}
	}

	@Override
	protected void done() {
		// A cancel before start: the executor may drop the task (purge, remove-on-cancel)
		// and never run it.
		leaveQueue();
	}

	@Override
	public TaskSource source() {
		return this.source;
	}

	@Override
	public Object task() {
		return this.task;
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
	public StackTraceElement[] submitSite() {
		return this.submitSite;
	}

}
