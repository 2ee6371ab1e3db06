package dev.leakwatch.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.leakwatch.core.thread.ThreadStack;
import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * The new threads a check found, sorted by its options: the test's leaks, and the threads
 * a static initializer started, which are one per JVM and reported apart
 * ({@link StaticInitializerThreads#REPORT}).
 *
 * @param leaked the threads that fail the check
 * @param fromStaticInitializers the threads started by a static initializer, reported
 * without failing it
 */
record FoundThreads(List<NewThread> leaked, List<NewThread> fromStaticInitializers) {

	FoundThreads {
		leaked = List.copyOf(leaked);
		fromStaticInitializers = List.copyOf(fromStaticInitializers);
	}

	/**
	 * Leaves out the expected threads of {@code threads} and sorts the others as
	 * {@code options} say.
	 */
	static FoundThreads sort(List<NewThread> threads, LeakCheckOptions options) {
		Predicate<ThreadStack> expected = options.isExpected();
		List<NewThread> leaked = new ArrayList<>();
		List<NewThread> fromStaticInitializers = new ArrayList<>();
		for (NewThread thread : threads) {
			if (expected.test(thread.stack())) {
				continue;
			}
			if (options.staticInitializerThreads() == StaticInitializerThreads.FAIL
					|| !CreatedBy.byStaticInitializer(thread.stack().id())) {
				leaked.add(thread);
			}
			else if (options.staticInitializerThreads() == StaticInitializerThreads.REPORT) {
				fromStaticInitializers.add(thread);
			}
		}
		return new FoundThreads(leaked, fromStaticInitializers);
	}

	boolean isEmpty() {
		return this.leaked.isEmpty() && this.fromStaticInitializers.isEmpty();
	}

}
