package dev.leakwatch.core.thread;

import java.util.List;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.origin.SiteCount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grouping folds a dump of thousands of threads into the few stacks that tell what they
 * do.
 */
class StackGroupsTest {

	private static final List<StackTraceElement> PARKED = List.of(frame("jdk.internal.misc.Unsafe", "park", -2),
			frame("java.util.concurrent.locks.LockSupport", "park", 341),
			frame("java.util.concurrent.ThreadPoolExecutor", "getTask", 1070));

	private static final List<StackTraceElement> READING = List.of(frame("sun.nio.ch.SocketDispatcher", "read0", -2),
			frame("com.example.Client", "fetch", 42));

	@Test
	void threadsWithTheSameStateAndStackFoldIntoOneGroup() {
		List<StackGroup> groups = StackGroups.group(List.of(thread(1, "pool-1-thread-1", Thread.State.WAITING, PARKED),
				thread(2, "pool-1-thread-2", Thread.State.WAITING, PARKED),
				thread(3, "pool-2-thread-1", Thread.State.WAITING, PARKED),
				thread(4, "other-1", Thread.State.WAITING, PARKED),
				thread(5, "client-1", Thread.State.RUNNABLE, READING)), (thread) -> false);
		assertThat(groups).hasSize(2);
		StackGroup parked = groups.get(0);
		assertThat(parked.count()).isEqualTo(4);
		assertThat(parked.state()).isEqualTo(Thread.State.WAITING);
		// families, each once, sorted
		assertThat(parked.families()).containsExactly("other-#", "pool-#-thread-#");
		assertThat(parked.stack()).containsExactly("jdk.internal.misc.Unsafe.park(Native Method)",
				"java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
				"java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)");
		assertThat(groups.get(1).count()).isEqualTo(1);
		assertThat(groups.get(1).families()).containsExactly("client-#");
	}

	@Test
	void sameStackInAnotherStateIsAnotherGroup() {
		List<StackGroup> groups = StackGroups.group(List.of(thread(1, "a", Thread.State.WAITING, PARKED),
				thread(2, "b", Thread.State.TIMED_WAITING, PARKED)), (thread) -> false);
		assertThat(groups).hasSize(2).allMatch((group) -> group.count() == 1);
	}

	@Test
	void groupsComeLargestFirst() {
		List<StackGroup> groups = StackGroups.group(List.of(thread(1, "reader-1", Thread.State.RUNNABLE, READING),
				thread(2, "pool-1", Thread.State.WAITING, PARKED), thread(3, "pool-2", Thread.State.WAITING, PARKED)),
				(thread) -> false);
		assertThat(groups).extracting(StackGroup::count).containsExactly(2, 1);
	}

	@Test
	void groupIsIdleOnlyWhenEveryThreadInItIs() {
		List<ThreadStack> threads = List.of(thread(1, "idle-1", Thread.State.WAITING, PARKED),
				thread(2, "idle-2", Thread.State.WAITING, PARKED),
				thread(3, "reader-1", Thread.State.RUNNABLE, READING),
				thread(4, "reader-2", Thread.State.RUNNABLE, READING));
		List<StackGroup> groups = StackGroups.group(threads,
				(thread) -> thread.name().startsWith("idle") || thread.name().equals("reader-1"));
		assertThat(groups).filteredOn((group) -> group.state() == Thread.State.WAITING)
			.singleElement()
			.satisfies((group) -> assertThat(group.idle()).isTrue());
		assertThat(groups).filteredOn((group) -> group.state() == Thread.State.RUNNABLE)
			.singleElement()
			.satisfies((group) -> assertThat(group.idle()).isFalse());
	}

	@Test
	void groupsCountTheCreationSitesOfTheirThreadsWhenGivenALookup() {
		CreationSite reports = CreationSite.recorded(null, List.of("com.example.Reports.render:42"));
		List<ThreadStack> threads = List.of(thread(1, "pool-1-thread-1", Thread.State.WAITING, PARKED),
				thread(2, "pool-2-thread-1", Thread.State.WAITING, PARKED),
				thread(3, "pool-3-thread-1", Thread.State.WAITING, PARKED),
				thread(4, "client-1", Thread.State.RUNNABLE, READING));
		List<StackGroup> groups = StackGroups.group(threads, (thread) -> false,
				(id) -> (id == 3) ? CreationSite.BEFORE_LEAKWATCH : reports);
		assertThat(groups.get(0).createdBy()).containsExactly(new SiteCount(reports, 2),
				new SiteCount(CreationSite.BEFORE_LEAKWATCH, 1));
		assertThat(groups.get(1).createdBy()).containsExactly(new SiteCount(reports, 1));
		// without a lookup, groups are as before
		assertThat(StackGroups.group(threads, (thread) -> false))
			.allSatisfy((group) -> assertThat(group.createdBy()).isEmpty());
	}

	@Test
	void noThreadsNoGroups() {
		assertThat(StackGroups.group(List.of(), (thread) -> true)).isEmpty();
	}

	static ThreadStack thread(long id, String name, Thread.State state, List<StackTraceElement> frames) {
		return new ThreadStack(id, name, state, false, frames, null, null);
	}

	static StackTraceElement frame(String className, String method, int line) {
		String file = className.substring(className.lastIndexOf('.') + 1) + ".java";
		return new StackTraceElement(className, method, (line == -2) ? null : file, line);
	}

}
