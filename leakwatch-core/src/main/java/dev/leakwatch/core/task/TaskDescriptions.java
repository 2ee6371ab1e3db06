package dev.leakwatch.core.task;

/**
 * Short, bounded names for tasks: the simple class name, with the per-class id the JVM gives lambdas cut
 * off so that every lambda of a class reads the same.
 */
public final class TaskDescriptions {

	private static final String LAMBDA_MARKER = "$$Lambda";

	private TaskDescriptions() {
	}

	public static String describe(Object task) {
		if (task == null) {
			return "null";
		}
		String name = task.getClass().getName();
		int lambda = name.indexOf(LAMBDA_MARKER);
		if (lambda >= 0) {
			name = name.substring(0, lambda + LAMBDA_MARKER.length());
		}
		return name.substring(name.lastIndexOf('.') + 1);
	}

}
