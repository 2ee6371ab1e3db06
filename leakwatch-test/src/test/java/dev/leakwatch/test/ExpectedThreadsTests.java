package dev.leakwatch.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.ThreadStack;

import static org.assertj.core.api.Assertions.assertThat;

/** Which threads the defaults let a test leave running, and which they do not. */
class ExpectedThreadsTests {

	private static final StackTraceElement PARK = frame("jdk.internal.misc.Unsafe", "park");

	private static final StackTraceElement AWAIT_WORK = frame("java.util.concurrent.ForkJoinPool", "awaitWork");

	private static final StackTraceElement GET_TASK = frame("java.util.concurrent.ThreadPoolExecutor", "getTask");

	private static final StackTraceElement RUN = frame("java.lang.Thread", "run");

	@Test
	void jvmHousekeepingThatStartsLazilyIsExpected() {
		assertThat(expected(thread("Common-Cleaner", frame("jdk.internal.ref.CleanerImpl", "run"), RUN))).isTrue();
		assertThat(expected(thread("Attach Listener"))).isTrue();
		assertThat(expected(thread("process reaper", PARK, GET_TASK, RUN))).isTrue();
		assertThat(expected(
				thread("VirtualThread-unblocker", frame("java.lang.VirtualThread", "unblockVirtualThreads"), RUN)))
			.isTrue();
		assertThat(expected(thread("Read-Poller", frame("sun.nio.ch.Poller", "pollerLoop"), RUN))).isTrue();
	}

	@Test
	void anIdleCommonPoolWorkerIsExpectedButOneRunningATaskIsNot() {
		assertThat(expected(thread("ForkJoinPool.commonPool-worker-1", PARK, AWAIT_WORK))).isTrue();
		assertThat(expected(thread("ForkJoinPool.commonPool-worker-1", PARK, frame("com.example.Job", "call"),
				frame("java.util.concurrent.ForkJoinPool", "runWorker"))))
			.isFalse();
	}

	@Test
	void anIdlePoolWorkerOrForkJoinWorkerATestCreatedIsNotExpected() {
		assertThat(expected(thread("pool-3-thread-1", PARK, GET_TASK, RUN))).isFalse();
		assertThat(expected(thread("ForkJoinPool-2-worker-1", PARK, AWAIT_WORK))).isFalse();
		assertThat(IdleThreads.isIdle(thread("pool-3-thread-1", PARK, GET_TASK, RUN), IdleThreads.DEFAULTS))
			.as("leakwatch's runtime defaults, which a user may add")
			.isTrue();
	}

	@Test
	void junitSurefireAndLeakwatchThreadsAreExpected() {
		assertThat(expected(thread("junit-jupiter-timeout-watcher", PARK))).isTrue();
		assertThat(expected(thread("surefire-forkedjvm-ping-30s", PARK))).isTrue();
		assertThat(expected(thread(IdleThreads.SAMPLER_THREAD_NAME, PARK))).isTrue();
		assertThat(expected(thread(IdleThreads.CLOCK_THREAD_NAME, PARK))).isTrue();
	}

	@Test
	void userFiltersMatchWholeNamesAnyFrameOrTheTopFrame() {
		ThreadStack worker = thread("grpc-worker-7", PARK, frame("com.example.Grpc$Loop", "run"), RUN);

		assertThat(ExpectedThreads.threadNamed("grpc-worker-\\d+").matches().test(worker)).isTrue();
		assertThat(ExpectedThreads.threadNamed("grpc").matches().test(worker)).isFalse();
		assertThat(ExpectedThreads.anyFrame("com.example.Grpc$Loop.run").matches().test(worker)).isTrue();
		assertThat(ExpectedThreads.topFrame("com.example.Grpc$Loop.run").matches().test(worker)).isFalse();
		assertThat(ExpectedThreads.topFrame("jdk.internal.misc.Unsafe.park").matches().test(worker)).isTrue();
		assertThat(ExpectedThreads.topFrame("jdk.internal.misc.Unsafe.park").matches().test(thread("new"))).isFalse();
	}

	@Test
	void everyDefaultHasAName() {
		assertThat(ExpectedThreads.DEFAULTS).extracting(IdleThreadFilter::name)
			.doesNotContainNull()
			.doesNotHaveDuplicates();
	}

	private static boolean expected(ThreadStack thread) {
		return IdleThreads.isIdle(thread, ExpectedThreads.DEFAULTS);
	}

	private static ThreadStack thread(String name, StackTraceElement... frames) {
		return new ThreadStack(1, name, Thread.State.WAITING, true, List.of(frames), null, null);
	}

	private static StackTraceElement frame(String className, String method) {
		return new StackTraceElement(className, method, null, -1);
	}

}
