package dev.leakwatch.core.thread;

import java.util.List;

/** The application's own frames in a stack: what a reader looks for first. */
public final class ApplicationFrames {

	/**
	 * Classes of the JDK and of the frameworks leakwatch knows, whose frames are never
	 * the application's.
	 */
	private static final List<String> LIBRARY_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
			"kotlin.", "kotlinx.", "reactor.", "io.netty.", "io.micrometer.", "org.springframework.",
			"org.apache.catalina.", "org.apache.tomcat.", "org.eclipse.jetty.", "dev.leakwatch.core.task.",
			"dev.leakwatch.autoconfigure.");

	private ApplicationFrames() {
	}

	/** Whether {@code frame} is the application's own, not the JDK's or a framework's. */
	public static boolean isApplication(StackTraceElement frame) {
		String type = frame.getClassName();
		for (String prefix : LIBRARY_PREFIXES) {
			if (type.startsWith(prefix)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The innermost application frame of {@code frames}, or {@code null} when there is
	 * none.
	 */
	public static StackTraceElement first(List<StackTraceElement> frames) {
		for (StackTraceElement frame : frames) {
			if (isApplication(frame)) {
				return frame;
			}
		}
		return null;
	}

}
