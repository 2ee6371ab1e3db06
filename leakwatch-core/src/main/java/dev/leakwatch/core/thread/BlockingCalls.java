package dev.leakwatch.core.thread;

import java.util.Set;

/**
 * Whether a thread is blocked. {@code WAITING}, {@code TIMED_WAITING} and {@code BLOCKED}
 * are; a {@code RUNNABLE} thread is when its innermost frame is a native call that waits
 * on the outside world (socket read, poll, accept, epoll), which the JVM reports as
 * running.
 */
public final class BlockingCalls {

	private static final Set<String> NATIVE_WAITS = Set.of("sun.nio.ch.Net.poll", "sun.nio.ch.Net.accept",
			"sun.nio.ch.Net.connect0", "sun.nio.ch.SocketDispatcher.read0", "sun.nio.ch.SocketDispatcher.readv0",
			"sun.nio.ch.EPoll.wait", "sun.nio.ch.KQueue.poll", "sun.nio.ch.FileDispatcherImpl.read0",
			"java.net.SocketInputStream.socketRead0", "java.net.PlainSocketImpl.socketAccept",
			"java.io.FileInputStream.readBytes", "java.lang.ProcessHandleImpl.waitForProcessExit0",
			"io.netty.channel.epoll.Native.epollWait", "io.netty.channel.epoll.Native.epollWait0");

	private BlockingCalls() {
	}

	public static boolean isBlocked(ThreadStack thread) {
		return switch (thread.state()) {
			case WAITING, TIMED_WAITING, BLOCKED -> true;
			case RUNNABLE -> isInNativeWait(thread);
			default -> false;
		};
	}

	static boolean isInNativeWait(ThreadStack thread) {
		if (thread.frames().isEmpty()) {
			return false;
		}
		StackTraceElement top = thread.frames().get(0);
		return NATIVE_WAITS.contains(top.getClassName() + "." + top.getMethodName());
	}

}
