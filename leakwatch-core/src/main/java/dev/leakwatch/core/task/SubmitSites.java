package dev.leakwatch.core.task;

import java.util.List;

/**
 * Captures the caller's frames at submit time: the costly "advanced" level, off unless
 * asked for. Frames of leakwatch, proxies and the JDK's executor plumbing are skipped so
 * the first frame is the user's code.
 */
final class SubmitSites {

	static final StackTraceElement[] NONE = new StackTraceElement[0];

	private static final int MAX_FRAMES = 16;

	private static final List<String> PLUMBING = List.of("dev.leakwatch.core.task.",
			"dev.leakwatch.autoconfigure.executor.", "dev.leakwatch.autoconfigure.http.", "java.util.concurrent.",
			"org.springframework.cglib.", "org.springframework.aop.", "jdk.proxy", "jdk.internal.reflect.",
			"java.lang.reflect.", "org.springframework.util.concurrent.", "org.springframework.scheduling.");

	private static final StackWalker WALKER = StackWalker.getInstance();

	private SubmitSites() {
	}

	static StackTraceElement[] capture() {
		return WALKER.walk((frames) -> frames.dropWhile(SubmitSites::isPlumbing)
			.limit(MAX_FRAMES)
			.map(StackWalker.StackFrame::toStackTraceElement)
			.toArray(StackTraceElement[]::new));
	}

	private static boolean isPlumbing(StackWalker.StackFrame frame) {
		String className = frame.getClassName();
		for (String prefix : PLUMBING) {
			if (className.startsWith(prefix)) {
				return true;
			}
		}
		return className.contains("$$SpringCGLIB$$") || className.contains("$$Leakwatch");
	}

}
