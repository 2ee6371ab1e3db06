package dev.leakwatch.core.task;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The registry of task sources and of the tasks running now. One per application; the tracking executors
 * write to it on their hot path, the leak detector reads it.
 */
public final class TaskTracker {

	private final boolean captureSubmitSite;

	private final RunningSlots slots = new RunningSlots();

	private final ConcurrentMap<SourceKey, TaskSource> sources = new ConcurrentHashMap<>();

	private final List<Consumer<TaskSource>> sourceListeners = new CopyOnWriteArrayList<>();

	/**
	 * @param captureSubmitSite whether each task records the frames that submitted it (a stack walk per task)
	 */
	public TaskTracker(boolean captureSubmitSite) {
		this.captureSubmitSite = captureSubmitSite;
	}

	/** The source for {@code name} and {@code kind}, created on first use. */
	public TaskSource source(String name, TaskKind kind) {
		SourceKey key = new SourceKey(Objects.requireNonNull(name, "name"), Objects.requireNonNull(kind, "kind"));
		TaskSource source = this.sources.get(key);
		if (source != null) {
			return source;
		}
		TaskSource created = new TaskSource(name, kind, this);
		source = this.sources.putIfAbsent(key, created);
		if (source == null) {
			this.sourceListeners.forEach((listener) -> listener.accept(created));
			return created;
		}
		return source;
	}

	public Collection<TaskSource> sources() {
		return List.copyOf(this.sources.values());
	}

	/** Calls {@code listener} for every source there is and every source created from now on. */
	public void onSource(Consumer<TaskSource> listener) {
		this.sourceListeners.add(listener);
		this.sources.values().forEach(listener);
	}

	/** The tracked tasks running at this instant. */
	public List<RunningTask> running() {
		return this.slots.running();
	}

	/** Threads that have a running-task slot; bounded by the threads that ever ran a tracked task and live. */
	public int trackedThreads() {
		return this.slots.size();
	}

	/** Wraps a task scheduled with a delay, rate or trigger: every run tracked, never counted as queued. */
	public Runnable trackRuns(TaskSource source, Runnable task) {
		return trackRuns(source, task, null);
	}

	/**
	 * Like {@link #trackRuns(TaskSource, Runnable)}, described by {@code label} (a scheduled method's name,
	 * say) rather than by the task's class.
	 */
	public Runnable trackRuns(TaskSource source, Runnable task, String label) {
		return new TrackedRunnable(task, source, label);
	}

	/** Wraps a callable scheduled with a delay: its run tracked, never counted as queued. */
	public <V> Callable<V> trackRuns(TaskSource source, Callable<V> task) {
		return new TrackedCallable<>(task, source);
	}

	/** The task a tracking wrapper stands for, or {@code task} itself. */
	public static Runnable unwrap(Runnable task) {
		return (task instanceof TrackedRunnable tracked) ? tracked.delegate() : task;
	}

	boolean captureSubmitSite() {
		return this.captureSubmitSite;
	}

	RunningSlots slots() {
		return this.slots;
	}

	private record SourceKey(String name, TaskKind kind) {
	}

}
