package dev.leakwatch.test;

import java.util.List;

/**
 * Which frames of a stack are the application's: any code outside the JDK (the project's
 * and its libraries'), except the classes the JVM spins for lambdas, whose names change
 * from run to run.
 */
final class ApplicationCode {

	private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

	private static final String LAMBDA_CLASS_MARKER = "$$Lambda";

	private ApplicationCode() {
	}

	static boolean isApplication(StackTraceElement frame) {
		String className = frame.getClassName();
		if (className.contains(LAMBDA_CLASS_MARKER)) {
			return false;
		}
		for (String jdk : JDK_PACKAGES) {
			if (className.startsWith(jdk)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * How many frames, innermost first, to show so that the first {@code wanted}
	 * application frames are in.
	 */
	static int framesThrough(List<StackTraceElement> frames, int wanted) {
		int seen = 0;
		for (int i = 0; i < frames.size(); i++) {
			if (isApplication(frames.get(i)) && ++seen == wanted) {
				return i + 1;
			}
		}
		return frames.size();
	}

	/**
	 * The innermost application frame as {@code Class.method}, or {@code null} if the
	 * stack is all JDK.
	 */
	static String innermost(List<StackTraceElement> frames) {
		for (StackTraceElement frame : frames) {
			if (isApplication(frame)) {
				return frame.getClassName() + "." + frame.getMethodName();
			}
		}
		return null;
	}

}
