package dev.leakwatch.core.thread;

import java.util.List;

/**
 * Live threads with the same state and stack, folded into one entry (Go's {@code goroutine?debug=1}).
 *
 * @param count how many threads
 * @param state their state
 * @param families their name families, sorted
 * @param idle whether every one of them is waiting for work by design
 * @param stack the shared stack, innermost first
 */
public record StackGroup(int count, Thread.State state, List<String> families, boolean idle, List<String> stack) {
}
