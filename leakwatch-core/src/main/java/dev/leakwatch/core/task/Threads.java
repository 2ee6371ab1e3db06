package dev.leakwatch.core.task;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Thread facts that need a newer JDK than the Java 17 baseline, looked up once. */
public final class Threads {

	private static final MethodHandle IS_VIRTUAL = findIsVirtual();

	private Threads() {
	}

	/** Whether {@code thread} is a virtual thread; always {@code false} before JDK 21. */
	public static boolean isVirtual(Thread thread) {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(thread);
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static MethodHandle findIsVirtual() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

}
