package dev.leakwatch.core.task;

/**
 * Short, bounded names for tasks: the simple class name ({@code ReportJob} for a nested
 * {@code Reports$ReportJob}), with the per-class id the JVM gives lambdas cut off so that
 * every lambda of a class reads the same ({@code Reports$$Lambda}); anonymous classes
 * keep their outer name ({@code Reports$1}).
 */
public final class TaskDescriptions {

	private static final String LAMBDA_MARKER = "$$Lambda";

	private TaskDescriptions() {
	}

	public static String describe(Object task) {
		return (task != null) ? describeType(task.getClass()) : "null";
	}

	/**
	 * What a task submitted with {@code label} (or {@code null}) is called: the label
	 * when it has one, which says more than the class.
	 */
	public static String describe(String label, Class<?> type) {
		return (label != null) ? label : describeType(type);
	}

	/** The description of any task of class {@code type}. */
	public static String describeType(Class<?> type) {
		String name = type.getName();
		name = name.substring(name.lastIndexOf('.') + 1);
		int lambda = name.indexOf(LAMBDA_MARKER);
		if (lambda >= 0) {
			return name.substring(0, lambda + LAMBDA_MARKER.length());
		}
		int nested = name.lastIndexOf('$');
		if (nested >= 0 && nested + 1 < name.length() && !Character.isDigit(name.charAt(nested + 1))) {
			return name.substring(nested + 1);
		}
		return name;
	}

}
