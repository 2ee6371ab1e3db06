package dev.leakwatch.core.report;

import java.util.List;

/**
 * Threads that wait for each other's locks forever.
 *
 * @param threads the threads of one cycle
 */
public record Deadlock(List<DeadlockedThread> threads) {

	/**
	 * One thread of a deadlock.
	 *
	 * @param name the thread name
	 * @param state its state
	 * @param lock the lock it waits for
	 * @param lockOwner the thread holding that lock
	 * @param stack its stack, innermost first
	 */
	public record DeadlockedThread(String name, Thread.State state, String lock, String lockOwner, List<String> stack) {
	}

}
