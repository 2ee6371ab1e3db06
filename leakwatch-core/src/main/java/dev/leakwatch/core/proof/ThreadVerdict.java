package dev.leakwatch.core.proof;

import java.util.List;

/**
 * One thread that waited without a timeout ({@code WAITING} or {@code BLOCKED}) when the
 * heap was dumped.
 *
 * @param id the thread id
 * @param name the thread name
 * @param state its state in the dump
 * @param virtual whether it is a virtual thread
 * @param verdict whether it is proven leaked
 * @param blocker the class of what it waits on (its park blocker or the monitor), or
 * {@code null} if unknown
 * @param stack its stack just before the dump, innermost first; empty for virtual
 * threads, whose stacks the thread MXBean does not give
 */
public record ThreadVerdict(long id, String name, Thread.State state, boolean virtual, Verdict verdict, String blocker,
		List<String> stack) {

	public ThreadVerdict {
		stack = List.copyOf(stack);
	}

}
