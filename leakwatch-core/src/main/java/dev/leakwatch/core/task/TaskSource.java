package dev.leakwatch.core.task;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for the tasks one source (an executor or scheduler bean) ran with one {@link TaskKind}. Striped
 * adders keep submitting threads from contending; readers see a moment's approximation, never negative.
 */
public final class TaskSource {

	private final String name;

	private final TaskKind kind;

	private final TaskTracker tracker;

	private final TaskSource parent;

	private final LongAdder submitted = new LongAdder();

	private final LongAdder dequeued = new LongAdder();

	private final LongAdder started = new LongAdder();

	private final LongAdder finished = new LongAdder();

	private final LongAdder overruns = new LongAdder();

	private final LongAdder missed = new LongAdder();

	TaskSource(String name, TaskKind kind, TaskTracker tracker, TaskSource parent) {
		this.name = name;
		this.kind = kind;
		this.tracker = tracker;
		this.parent = parent;
	}

	/** The bean (or executor) name; the value of the {@code source} tag. */
	public String name() {
		return this.name;
	}

	public TaskKind kind() {
		return this.kind;
	}

	public TaskTracker tracker() {
		return this.tracker;
	}

	/**
	 * The source whose threads run these tasks as well (a {@code @Scheduled} method's scheduler), counted
	 * with them; or {@code null}.
	 */
	public TaskSource parent() {
		return this.parent;
	}

	/** Tasks running now. */
	public long active() {
		return Math.max(0, this.started.sum() - this.finished.sum());
	}

	/** Tasks handed to the executor and not yet started, cancelled, rejected or drained. */
	public long queued() {
		return Math.max(0, this.submitted.sum() - this.dequeued.sum());
	}

	/** Runs that ended, normally or by throwing. */
	public long completed() {
		return this.finished.sum();
	}

	/** Scheduled runs that took longer than their period. */
	public long overruns() {
		return this.overruns.sum();
	}

	/** Scheduled runs that started a period or more late, because every scheduler thread was busy. */
	public long missed() {
		return this.missed.sum();
	}

	/** Tasks ever queued; with {@link #dequeuedCount()} it tells how far the queue has moved. */
	public long submittedCount() {
		return this.submitted.sum();
	}

	/** Queued tasks that left the queue: started, cancelled, rejected or drained. */
	public long dequeuedCount() {
		return this.dequeued.sum();
	}

	boolean captureSubmitSite() {
		return this.tracker.captureSubmitSite();
	}

	void submitted() {
		this.submitted.increment();
	}

	void dequeued() {
		this.dequeued.increment();
	}

	RunningSlots.Slot beginRun() {
		started();
		return this.tracker.slots().slot();
	}

	void endRun(RunningSlots.Slot slot, TrackedTask outer) {
		slot.exit(outer);
		finished();
	}

	void started() {
		this.started.increment();
		if (this.parent != null) {
			this.parent.started.increment();
		}
	}

	void finished() {
		this.finished.increment();
		if (this.parent != null) {
			this.parent.finished.increment();
		}
	}

	void recordOverrun() {
		this.overruns.increment();
	}

	void recordMissed() {
		this.missed.increment();
	}

	@Override
	public String toString() {
		return this.name + "[" + this.kind.tag() + "]";
	}

}
