package dev.leakwatch.core.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The registry of task sources and of the tasks running now. One per application; the
 * tracking executors write to it on their hot path, the leak detector reads it. While
 * open it keeps the {@link TaskClock} ticking; {@link #close()} it with the application.
 * Tracking goes on after a close, with a precise clock once no other tracker keeps the
 * shared one ticking.
 */
public final class TaskTracker implements AutoCloseable {

	private final boolean captureSubmitSite;

	private final RunningSlots slots = new RunningSlots();

	private final ConcurrentMap<SourceKey, TaskSource> sources = new ConcurrentHashMap<>();

	private final List<Consumer<TaskSource>> sourceListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<TaskSource>> retireListeners = new CopyOnWriteArrayList<>();

	private final List<Supplier<String>> reportNotes = new CopyOnWriteArrayList<>();

	private final Set<InFlightRequest> requests = ConcurrentHashMap.newKeySet();

	private final Set<Watched> periodic = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean open = new AtomicBoolean(true);

	/**
	 * @param captureSubmitSite whether each task records the frames that submitted it (a
	 * stack walk per task)
	 */
	public TaskTracker(boolean captureSubmitSite) {
		this.captureSubmitSite = captureSubmitSite;
		TaskClock.SHARED.hold();
	}

	/** Lets the task clock stop unless another tracker is open; idempotent. */
	@Override
	public void close() {
		if (this.open.compareAndSet(true, false)) {
			TaskClock.SHARED.release();
		}
	}

	/** The source for {@code name} and {@code kind}, created on first use. */
	public TaskSource source(String name, TaskKind kind) {
		return source(name, kind, null);
	}

	/**
	 * The source of a {@code @Scheduled} method ({@link TaskKind#SCHEDULED}), whose runs
	 * count for its scheduler's source too.
	 */
	public TaskSource scheduledSource(String method, TaskSource scheduler) {
		return source(method, TaskKind.SCHEDULED, Objects.requireNonNull(scheduler, "scheduler"));
	}

	private TaskSource source(String name, TaskKind kind, TaskSource parent) {
		SourceKey key = new SourceKey(Objects.requireNonNull(name, "name"), Objects.requireNonNull(kind, "kind"));
		TaskSource source = this.sources.get(key);
		if (source != null) {
			return source;
		}
		TaskSource created = new TaskSource(name, kind, this, parent);
		source = this.sources.putIfAbsent(key, created);
		if (source == null) {
			if (parent != null) {
				parent.addChild(created); // only the source that won the race, whose runs
											// will be counted
			}
			this.sourceListeners.forEach((listener) -> listener.accept(created));
			return created;
		}
		return source;
	}

	public Collection<TaskSource> sources() {
		return List.copyOf(this.sources.values());
	}

	/**
	 * Calls {@code listener} for every source there is and every source created from now
	 * on.
	 */
	public void onSource(Consumer<TaskSource> listener) {
		this.sourceListeners.add(listener);
		this.sources.values().forEach(listener);
	}

	/**
	 * Forgets {@code source} (an HTTP source that has been idle, to bound their number):
	 * it leaves {@link #sources()}, and the listeners of {@link #onSourceRetired} let go
	 * of it. A source of the same name and kind asked for later starts afresh.
	 */
	public void retire(TaskSource source) {
		if (this.sources.remove(new SourceKey(source.name(), source.kind()), source)) {
			this.retireListeners.forEach((listener) -> listener.accept(source));
		}
	}

	/** Calls {@code listener} for every source {@link #retire retired} from now on. */
	public void onSourceRetired(Consumer<TaskSource> listener) {
		this.retireListeners.add(listener);
	}

	/**
	 * Adds a note to every report: {@code note} is asked each time, and may answer
	 * {@code null} for none.
	 */
	public void addReportNote(Supplier<String> note) {
		this.reportNotes.add(note);
	}

	/** The notes a report should carry now. */
	public List<String> reportNotes() {
		List<String> notes = new ArrayList<>();
		for (Supplier<String> note : this.reportNotes) {
			String text = note.get();
			if (text != null) {
				notes.add(text);
			}
		}
		return notes;
	}

	/** The tracked tasks running at this instant. */
	public List<RunningTask> running() {
		return this.slots.running();
	}

	/** The HTTP requests of tracked clients in flight at this instant. */
	public List<RunningRequest> requests() {
		List<RunningRequest> requests = new ArrayList<>(this.requests.size());
		for (InFlightRequest request : this.requests) {
			requests.add(new RunningRequest(request.source(), request.description(), request.thread(),
					request.submitNanos(), Arrays.asList(request.submitSite()), request.respondedNanos(),
					request.note(), request.progressNanos()));
		}
		return requests;
	}

	/**
	 * Starts tracking an HTTP request: in flight until {@link InFlightRequest#end()}.
	 * @param source the client and request it belongs to
	 * @param description a short description (method and URI template)
	 * @param note what else a report should say of it, or {@code null}
	 * @param thread the thread that waits for it (a blocking client's caller), or
	 * {@code null}
	 */
	public InFlightRequest beginRequest(TaskSource source, String description, String note, Thread thread) {
		InFlightRequest request = new InFlightRequest(source, description, note, thread);
		source.sharedRuns().started(false);
		this.requests.add(request);
		return request;
	}

	void endRequest(InFlightRequest request) {
		if (this.requests.remove(request)) {
			request.source().sharedRuns().finished();
		}
	}

	/**
	 * Responses of {@code source} received whose body has not been read at all, nor
	 * released or cancelled; a body being read (a download, an event stream) is not
	 * counted.
	 */
	public long unconsumed(TaskSource source) {
		long count = 0;
		for (InFlightRequest request : this.requests) {
			if (request.source() == source && request.respondedNanos() != 0 && request.progressNanos() == 0) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Wraps a scheduled task: every run tracked and timed against {@code schedule}, never
	 * counted as queued. Hand the scheduler's future to {@link #watch} so that a periodic
	 * task is known until it is cancelled.
	 */
	public Runnable trackScheduled(TaskSource source, Runnable task, String label, JobSchedule schedule) {
		return new ScheduledRun(task, source, label, schedule);
	}

	/**
	 * Keeps {@code tracked} (from {@link #trackScheduled}) in the live periodic tasks
	 * until {@code future} is done.
	 */
	public void watch(Runnable tracked, Future<?> future) {
		if (tracked instanceof ScheduledRun run && run.periodic() && future != null && !future.isDone()) {
			this.periodic.add(new Watched(run, future));
		}
	}

	/**
	 * The periodic tasks scheduled and not cancelled, nor ended by an exception or a
	 * shutdown.
	 */
	public List<ScheduledTask> scheduled() {
		List<ScheduledTask> live = new ArrayList<>();
		for (Watched watched : this.periodic) {
			if (watched.future.isDone()) {
				this.periodic.remove(watched);
				continue;
			}
			ScheduledRun run = watched.run;
			live.add(new ScheduledTask(run.source(), run.description(), run.nextDueNanos(), run.running(),
					Arrays.asList(run.submitSite())));
		}
		return live;
	}

	/**
	 * Threads that have a running-task slot; bounded by the live platform threads that
	 * ever submitted or ran a tracked task, and the virtual threads running one.
	 */
	public int trackedThreads() {
		return this.slots.size();
	}

	/**
	 * Wraps a task scheduled with a delay, rate or trigger: every run tracked, never
	 * counted as queued.
	 */
	public Runnable trackRuns(TaskSource source, Runnable task) {
		return new TrackedRunnable(task, source, null);
	}

	/**
	 * Wraps a callable scheduled with a delay: its run tracked, never counted as queued.
	 */
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

	private record Watched(ScheduledRun run, Future<?> future) {
	}

}
