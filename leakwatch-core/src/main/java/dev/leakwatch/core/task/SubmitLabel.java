package dev.leakwatch.core.task;

import java.util.Objects;

/**
 * What the current thread is submitting, when the caller knows better than the task
 * object: an {@code @Async} proxy knows the method, while the executor only sees an
 * anonymous callable. Set around the submission, read once per submit by the tracking
 * executor.
 */
public final class SubmitLabel {

	private static final ThreadLocal<SubmitLabel> CURRENT = new ThreadLocal<>();

	/**
	 * Whether any thread ever applied a label: until one does, {@link #current()} skips
	 * the thread-local read on every submission. Plain, not volatile: only the thread
	 * that applied a label reads it back, and it sees its own write.
	 */
	private static boolean applied;

	private final TaskKind kind;

	private final String description;

	public SubmitLabel(TaskKind kind, String description) {
		this.kind = Objects.requireNonNull(kind, "kind");
		this.description = Objects.requireNonNull(description, "description");
	}

	public TaskKind kind() {
		return this.kind;
	}

	public String description() {
		return this.description;
	}

	/** The label of the submission in progress on this thread, or {@code null}. */
	public static SubmitLabel current() {
		return applied ? CURRENT.get() : null;
	}

	/**
	 * Makes {@code label} current and returns the one it replaces, to be given back to
	 * {@link #restore}.
	 */
	public static SubmitLabel apply(SubmitLabel label) {
		applied = true;
		SubmitLabel previous = CURRENT.get();
		CURRENT.set(label);
		return previous;
	}

	public static void restore(SubmitLabel previous) {
		if (previous == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(previous);
		}
	}

}
