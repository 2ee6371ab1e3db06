package dev.leakwatch.core.thread;

import java.util.List;

import dev.leakwatch.core.origin.SiteCount;

/**
 * Live threads with the same state and stack, folded into one entry (Go's
 * {@code goroutine?debug=1}).
 *
 * @param count how many threads
 * @param state their state
 * @param families their name families, sorted
 * @param idle whether every one of them is waiting for work by design
 * @param stack the shared stack, innermost first
 * @param createdBy where they were started, largest count first (Go's
 * {@code created by}); empty when creation sites are not recorded
 */
public record StackGroup(int count, Thread.State state, List<String> families, boolean idle, List<String> stack,
		List<SiteCount> createdBy) {

	public StackGroup {
		createdBy = List.copyOf(createdBy);
	}

	/** A group whose creation sites are not recorded. */
	public StackGroup(int count, Thread.State state, List<String> families, boolean idle, List<String> stack) {
		this(count, state, families, idle, stack, List.of());
	}

}
