package dev.leakwatch.core.thread;

/**
 * Reads a frame as the JDK prints it back into a {@link StackTraceElement}:
 * {@code [loader/][module[@version]/]class.method(File.java:line)}, as in
 * {@code java.base/java.lang.Object.wait(Object.java:389)} or
 * {@code app//com.example.Job.run(Job.java:12)}.
 */
public final class StackFrames {

	private StackFrames() {
	}

	public static StackTraceElement parse(String frame) {
		int open = frame.indexOf('(');
		String location = (open >= 0) ? frame.substring(open + 1, frame.length() - 1) : "";
		String[] parts = ((open >= 0) ? frame.substring(0, open) : frame).split("/", -1);
		String loader = (parts.length == 3) ? emptyToNull(parts[0]) : null;
		String module = (parts.length >= 2) ? emptyToNull(parts[parts.length - 2]) : null;
		String qualified = parts[parts.length - 1];
		int dot = qualified.lastIndexOf('.');
		String className = (dot >= 0) ? qualified.substring(0, dot) : qualified;
		String method = (dot >= 0) ? qualified.substring(dot + 1) : "";
		String moduleName = module;
		String moduleVersion = null;
		if (module != null && module.contains("@")) {
			moduleName = module.substring(0, module.indexOf('@'));
			moduleVersion = module.substring(module.indexOf('@') + 1);
		}
		String file = null;
		int line = -1;
		if (location.equals("Native Method")) {
			line = -2;
		}
		else if (!location.isEmpty() && !location.equals("Unknown Source")) {
			int colon = location.lastIndexOf(':');
			file = (colon >= 0) ? location.substring(0, colon) : location;
			line = (colon >= 0) ? parseLine(location.substring(colon + 1)) : -1;
		}
		return new StackTraceElement(loader, moduleName, moduleVersion, className, method, file, line);
	}

	private static int parseLine(String line) {
		try {
			return Integer.parseInt(line);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String emptyToNull(String text) {
		return text.isEmpty() ? null : text;
	}

}
