package dev.leakwatch.core.thread;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Idle-thread filters from the text a configuration file holds: a thread-name pattern or
 * a frame. Each is checked when it is read, so a mistyped one is an error rather than a
 * filter that never matches.
 */
public final class IdleThreadPatterns {

	private IdleThreadPatterns() {
	}

	/**
	 * Threads whose whole name matches {@code pattern}, where {@code *} stands for any
	 * run of characters (none too) and every other character for itself:
	 * {@code orders-housekeeper}, {@code pool-*-poller}, {@code hikari-*}.
	 * @throws IllegalArgumentException if {@code pattern} is empty or nothing but
	 * {@code *}, which would make every thread idle
	 */
	public static IdleThreadFilter threadName(String pattern) {
		Objects.requireNonNull(pattern, "pattern");
		if (pattern.isEmpty()) {
			throw new IllegalArgumentException("thread-name pattern must not be empty");
		}
		if (pattern.chars().allMatch((c) -> c == '*')) {
			throw new IllegalArgumentException(
					"thread-name pattern '" + pattern + "' matches every thread; name the threads that wait by design");
		}
		Pattern regex = Pattern.compile(globToRegex(pattern));
		return new IdleThreadFilter("thread name " + pattern, (thread) -> regex.matcher(thread.name()).matches());
	}

	/**
	 * Threads with {@code frame} anywhere in their stack:
	 * {@code fully.qualified.Class#method}, or {@code fully.qualified.Class} for any
	 * method of that class (nested classes with {@code $}, constructors as
	 * {@code <init>}).
	 * @throws IllegalArgumentException if {@code frame} is not of that form
	 */
	public static IdleThreadFilter frame(String frame) {
		Objects.requireNonNull(frame, "frame");
		int hash = frame.indexOf('#');
		String className = (hash >= 0) ? frame.substring(0, hash) : frame;
		String methodName = (hash >= 0) ? frame.substring(hash + 1) : null;
		if (!isClassName(className) || (methodName != null && !isMethodName(methodName))) {
			throw new IllegalArgumentException(
					"frame '" + frame + "' is not of the form fully.qualified.Class#method or fully.qualified.Class");
		}
		String name = "frame " + frame;
		if (methodName == null) {
			return new IdleThreadFilter(name,
					(thread) -> thread.frames()
						.stream()
						.anyMatch((element) -> element.getClassName().equals(className)));
		}
		return new IdleThreadFilter(name, (thread) -> thread.hasFrame(className, methodName));
	}

	private static String globToRegex(String glob) {
		StringBuilder regex = new StringBuilder();
		int start = 0;
		for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
			if (star > start) {
				regex.append(Pattern.quote(glob.substring(start, star)));
			}
			regex.append(".*");
			start = star + 1;
		}
		if (start < glob.length()) {
			regex.append(Pattern.quote(glob.substring(start)));
		}
		return regex.toString();
	}

	private static boolean isClassName(String name) {
		for (String part : name.split("\\.", -1)) {
			if (!isIdentifier(part)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isMethodName(String name) {
		return name.equals("<init>") || name.equals("<clinit>") || isIdentifier(name);
	}

	private static boolean isIdentifier(String part) {
		if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
			return false;
		}
		return part.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
	}

}
