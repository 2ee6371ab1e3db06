package dev.leakwatch.core.thread;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.leakwatch.core.thread.StackGroupsTest.frame;
import static dev.leakwatch.core.thread.StackGroupsTest.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thread in a native I/O wait reports {@code RUNNABLE}; blocking calls must still see
 * it as blocked, since a socket read without a timeout is the commonest stuck task there
 * is.
 */
class BlockingCallsTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final CountDownLatch release = new CountDownLatch(1);

	private ServerSocket server;

	private Socket client;

	private Thread worker;

	@AfterEach
	void release() throws Exception {
		this.release.countDown();
		if (this.client != null) {
			this.client.close();
		}
		if (this.server != null) {
			this.server.close();
		}
		if (this.worker != null) {
			this.worker.join(TIMEOUT.toMillis());
			assertThat(this.worker.isAlive()).as("worker ended").isFalse();
		}
	}

	@Test
	void waitingTimedWaitingAndBlockedThreadsAreBlocked() {
		assertThat(BlockingCalls.isBlocked(thread(1, "w", Thread.State.WAITING, List.of()))).isTrue();
		assertThat(BlockingCalls.isBlocked(thread(1, "t", Thread.State.TIMED_WAITING, List.of()))).isTrue();
		assertThat(BlockingCalls.isBlocked(thread(1, "b", Thread.State.BLOCKED, List.of()))).isTrue();
	}

	@Test
	void newAndTerminatedThreadsAreNotBlocked() {
		assertThat(BlockingCalls.isBlocked(thread(1, "n", Thread.State.NEW, List.of()))).isFalse();
		assertThat(BlockingCalls.isBlocked(thread(1, "t", Thread.State.TERMINATED, List.of()))).isFalse();
	}

	@Test
	void runnableThreadIsBlockedOnlyWhenItsInnermostFrameIsANativeWait() {
		List<StackTraceElement> reading = List.of(frame("sun.nio.ch.SocketDispatcher", "read0", -2),
				frame("com.example.Client", "fetch", 42));
		List<StackTraceElement> computing = List.of(frame("com.example.Client", "parse", 7),
				frame("sun.nio.ch.SocketDispatcher", "read0", -2));
		assertThat(BlockingCalls.isBlocked(thread(1, "r", Thread.State.RUNNABLE, reading))).isTrue();
		// a native wait further out is finished: the thread is running code called after
		// it
		assertThat(BlockingCalls.isBlocked(thread(1, "c", Thread.State.RUNNABLE, computing))).isFalse();
		assertThat(BlockingCalls.isBlocked(thread(1, "e", Thread.State.RUNNABLE, List.of()))).isFalse();
	}

	@Test
	void realThreadInServerAcceptIsBlocked() throws Exception {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.worker = start("blocking-accept", () -> {
			try (Socket accepted = this.server.accept()) {
				// unexpected: nobody connects
			}
			catch (IOException ex) {
				// closed by the test
			}
		});
		ThreadStack stack = awaitStack(this.worker, (thread) -> thread.hasFrame("java.net.ServerSocket", "accept")
				&& thread.state() == Thread.State.RUNNABLE);
		assertThat(BlockingCalls.isBlocked(stack)).as("blocked in %s", stack.frames().get(0)).isTrue();
	}

	@Test
	void realThreadReadingASilentSocketIsBlocked() throws Exception {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.client = new Socket(InetAddress.getLoopbackAddress(), this.server.getLocalPort());
		try (Socket silent = this.server.accept()) {
			this.worker = start("blocking-read", () -> {
				try (InputStream in = this.client.getInputStream()) {
					in.read();
				}
				catch (IOException ex) {
					// closed by the test
				}
			});
			ThreadStack stack = awaitStack(this.worker, (thread) -> thread.hasFrameIn("java.net.Socket")
					&& thread.state() == Thread.State.RUNNABLE && thread.frames().get(0).isNativeMethod());
			assertThat(BlockingCalls.isBlocked(stack)).as("blocked in %s", stack.frames().get(0)).isTrue();
		}
	}

	@Test
	void realThreadWaitingOnALatchIsBlockedAndASpinningOneIsNot() throws Exception {
		this.worker = start("blocking-latch", () -> {
			try {
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		ThreadStack waiting = awaitStack(this.worker, (thread) -> thread.state() == Thread.State.TIMED_WAITING);
		assertThat(BlockingCalls.isBlocked(waiting)).isTrue();
		assertThat(BlockingCalls.isBlocked(stackOf(Thread.currentThread()))).isFalse();
	}

	private static Thread start(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static ThreadStack awaitStack(Thread thread, java.util.function.Predicate<ThreadStack> condition) {
		return await().atMost(TIMEOUT).until(() -> stackOf(thread), condition);
	}

	@SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
	static ThreadStack stackOf(Thread thread) {
		ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId(), 64);
		return ThreadStack.of(info);
	}

}
