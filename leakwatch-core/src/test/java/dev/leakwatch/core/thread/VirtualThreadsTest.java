package dev.leakwatch.core.thread;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnJre;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Virtual threads from the JDK's JSON thread dump, in both of its formats, and on a JVM
 * without one.
 */
class VirtualThreadsTest {

	private static final String JDK21_DUMP = """
			{ "threadDump": { "processId": "1", "time": "t", "runtimeVersion": "21",
			  "threadContainers": [
			    { "container": "<root>", "parent": null, "owner": null, "threads": [
			      { "tid": "1", "name": "main", "stack": [ "java.base\\/java.lang.Thread.sleep(Thread.java:1)" ] },
			      { "tid": "40", "name": "", "stack": [
			          "java.base\\/java.lang.VirtualThread.park(VirtualThread.java:582)",
			          "java.base\\/java.util.concurrent.locks.LockSupport.park(LockSupport.java:371)",
			          "com.example.Orders.listen(Orders.java:12)" ] } ],
			      "threadCount": "2" } ] } }
			""";

	private static final String JDK25_DUMP = """
			{ "threadDump": { "threadContainers": [
			    { "container": "java.util.concurrent.ThreadPerTaskExecutor@1", "threads": [
			      { "tid": "41", "virtual": true, "name": "vt-7", "state": "TIMED_WAITING", "stack": [
			          "java.base\\/java.lang.VirtualThread.parkNanos(VirtualThread.java:1)",
			          "com.example.Poller.poll(Native Method)" ] } ] } ] } }
			""";

	@Test
	void readsVirtualThreadsOfJdk21DumpsByTheirAbsenceFromThreadMXBean() {
		List<ThreadStack> threads = VirtualThreads.parse(JDK21_DUMP, Set.of(1L), 64);
		assertThat(threads).hasSize(1);
		ThreadStack thread = threads.get(0);
		assertThat(thread.id()).isEqualTo(40);
		assertThat(thread.virtual()).isTrue();
		assertThat(thread.state()).isEqualTo(Thread.State.WAITING);
		assertThat(thread.frames().get(0).getClassName()).isEqualTo("java.lang.VirtualThread");
		assertThat(thread.frames().get(0).getModuleName()).isEqualTo("java.base");
		assertThat(thread.frames().get(2)).hasToString("com.example.Orders.listen(Orders.java:12)");
		assertThat(BlockingCalls.isBlocked(thread)).isTrue();
	}

	@Test
	void readsStateAndMarkOfJdk25DumpsAndCutsStacks() {
		List<ThreadStack> threads = VirtualThreads.parse(JDK25_DUMP, Set.of(), 1);
		assertThat(threads).singleElement().satisfies((thread) -> {
			assertThat(thread.name()).isEqualTo("vt-7");
			assertThat(thread.state()).isEqualTo(Thread.State.TIMED_WAITING);
			assertThat(thread.frames()).hasSize(1);
		});
	}

	@Test
	void trustsTheVirtualMarkWhereTheDumpHasOne() {
		String dump = JDK25_DUMP.replace("\"threads\": [",
				"\"threads\": [ { \"tid\": \"99\", \"name\": \"late-platform\", "
						+ "\"state\": \"RUNNABLE\", \"waitingOn\": \"x\", \"stack\": [] },");
		// 99 is not among the platform ids seen before the dump, but the dump says it is
		// no virtual thread
		assertThat(VirtualThreads.parse(dump, Set.of(), 8)).extracting(ThreadStack::name).containsExactly("vt-7");
	}

	@Test
	void framesPrintedByTheJdkReadBackToTheSameText() {
		for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
			assertThat(StackFrames.parse(frame.toString())).hasToString(frame.toString());
		}
		StackTraceElement loaderAndModule = new StackTraceElement("com.foo.loader", "foo", "9.0", "com.foo.Main", "run",
				"Main.java", 101);
		assertThat(StackFrames.parse(loaderAndModule.toString())).isEqualTo(loaderAndModule);
		assertThat(StackFrames.parse("app//com.foo.Job.run(Job.java:12)").getClassName()).isEqualTo("com.foo.Job");
		assertThat(StackFrames.parse("com.foo.Main.run(Main.java)").getLineNumber()).isEqualTo(-1);
	}

	@Test
	void rejectsJsonItCannotRead() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> VirtualThreads.parse("{ \"threadDump\": [ }", Set.of(), 8))
			.withMessageContaining("Unreadable thread dump JSON");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void listsLiveVirtualThreads() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> started = new ArrayList<>();
		// compiled for Java 17: reach Thread.ofVirtual() through the public
		// Thread.Builder interface
		Method ofVirtual = Thread.class.getMethod("ofVirtual");
		Class<?> builderType = Class.forName("java.lang.Thread$Builder");
		Method name = builderType.getMethod("name", String.class);
		Method start = builderType.getMethod("start", Runnable.class);
		try {
			for (int i = 0; i < 3; i++) {
				Object builder = name.invoke(ofVirtual.invoke(null), "vt-test-" + i);
				Runnable waiter = () -> {
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				};
				started.add((Thread) start.invoke(builder, waiter));
			}
			Thread.sleep(100);
			assertThat(VirtualThreads.available()).isTrue();
			List<ThreadStack> virtual = VirtualThreads.dump(16);
			assertThat(virtual).filteredOn((thread) -> thread.name().startsWith("vt-test-"))
				.hasSize(3)
				.allSatisfy((thread) -> {
					assertThat(thread.virtual()).isTrue();
					assertThat(thread.state()).isEqualTo(Thread.State.WAITING);
					assertThat(thread.frameLines()).anyMatch((frame) -> frame.contains("CountDownLatch.await"));
				});
		}
		finally {
			release.countDown();
			for (Thread thread : started) {
				thread.join(5000);
			}
		}
	}

	@Test
	@EnabledOnJre(JRE.JAVA_17)
	void saysWhyThereAreNoneBeforeJava21() {
		assertThat(VirtualThreads.available()).isFalse();
		assertThat(VirtualThreads.unavailableReason()).contains("Java 21+").contains("17");
		assertThatIllegalStateException().isThrownBy(() -> VirtualThreads.dump(8));
	}

}
