package dev.leakwatch.core.thread;

import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's state and stack at one instant, cut to the configured depth.
 *
 * @param id the thread id
 * @param name the thread name
 * @param state the thread state
 * @param daemon whether it is a daemon thread
 * @param frames the innermost frames, innermost first
 * @param lock the lock it waits for, or {@code null}
 * @param lockOwner the name of the thread holding that lock, or {@code null}
 * @param virtual whether it is a virtual thread
 */
public record ThreadStack(long id, String name, Thread.State state, boolean daemon, List<StackTraceElement> frames,
		String lock, String lockOwner, boolean virtual) {

	/** A platform thread. */
	public ThreadStack(long id, String name, Thread.State state, boolean daemon, List<StackTraceElement> frames,
			String lock, String lockOwner) {
		this(id, name, state, daemon, frames, lock, lockOwner, false);
	}

	public static ThreadStack of(ThreadInfo info) {
		return new ThreadStack(info.getThreadId(), info.getThreadName(), info.getThreadState(), info.isDaemon(),
				Arrays.asList(info.getStackTrace()), info.getLockName(), info.getLockOwnerName());
	}

	/** Whether any frame is {@code className.methodName}. */
	public boolean hasFrame(String className, String methodName) {
		for (StackTraceElement frame : this.frames) {
			if (frame.getMethodName().equals(methodName) && frame.getClassName().equals(className)) {
				return true;
			}
		}
		return false;
	}

	/** Whether any frame's class starts with {@code classPrefix}. */
	public boolean hasFrameIn(String classPrefix) {
		for (StackTraceElement frame : this.frames) {
			if (frame.getClassName().startsWith(classPrefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The frames as the JDK prints them, e.g.
	 * {@code java.base/java.lang.Object.wait(Native Method)}.
	 */
	public List<String> frameLines() {
		return this.frames.stream().map(StackTraceElement::toString).toList();
	}

}
