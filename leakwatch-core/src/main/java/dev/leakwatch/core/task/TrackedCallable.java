package dev.leakwatch.core.task;

import java.util.concurrent.Callable;

/**
 * Wraps a {@link Callable} scheduled with a delay; its run is tracked, it is never
 * counted as queued.
 */
final class TrackedCallable<V> extends TaskRecord implements Callable<V> {

	private final Callable<V> delegate;

	TrackedCallable(Callable<V> delegate, TaskSource source) {
		this(delegate, source, null);
	}

	TrackedCallable(Callable<V> delegate, TaskSource source, String label) {
		super(delegate, source, label, false);
		this.delegate = delegate;
	}

	@Override
	public V call() throws Exception {
		RunningSlots.Slot slot = slot();
		RunningSlots.Outer outer = slot.enter(this, TaskClock.SHARED.nanoTime(), false);
		try {
			return this.delegate.call();
		}
		finally {
			slot.exit(this, outer);
		}
	}

}
