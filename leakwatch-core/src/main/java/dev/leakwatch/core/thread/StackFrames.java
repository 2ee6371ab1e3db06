package dev.leakwatch.core.thread;

/** Reads a frame as the JDK prints it ({@code java.base/java.lang.Object.wait(Object.java:389)}) back. */
final class StackFrames {

	private StackFrames() {
	}

	static StackTraceElement parse(String frame) {
		int open = frame.indexOf('(');
		String location = (open >= 0) ? frame.substring(open + 1, frame.length() - 1) : "";
		String qualified = (open >= 0) ? frame.substring(0, open) : frame;
		String module = null;
		int slash = qualified.indexOf('/');
		if (slash >= 0) {
			module = qualified.substring(0, slash);
			qualified = qualified.substring(slash + 1);
		}
		int dot = qualified.lastIndexOf('.');
		String className = (dot >= 0) ? qualified.substring(0, dot) : qualified;
		String method = (dot >= 0) ? qualified.substring(dot + 1) : "";
		String file = null;
		int line = -1;
		if (location.equals("Native Method")) {
			line = -2;
		}
		else if (!location.isEmpty()) {
			int colon = location.lastIndexOf(':');
			file = (colon >= 0) ? location.substring(0, colon) : location;
			if (colon >= 0) {
				try {
					line = Integer.parseInt(location.substring(colon + 1));
				}
				catch (NumberFormatException ex) {
					line = -1;
				}
			}
		}
		String moduleName = (module != null && module.contains("@")) ? module.substring(0, module.indexOf('@'))
				: module;
		String moduleVersion = (module != null && module.contains("@")) ? module.substring(module.indexOf('@') + 1)
				: null;
		return new StackTraceElement(null, moduleName, moduleVersion, className, method, file, line);
	}

}
