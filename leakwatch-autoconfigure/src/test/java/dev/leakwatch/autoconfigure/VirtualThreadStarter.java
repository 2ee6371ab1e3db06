package dev.leakwatch.autoconfigure;

import java.util.concurrent.ThreadFactory;

/** Starts virtual threads from tests compiled for Java 17, which run on Java 21+ only. */
public final class VirtualThreadStarter {

	private VirtualThreadStarter() {
	}

	/** Starts a virtual thread named {@code name} running {@code body}. */
	public static void startVirtual(String name, Runnable body) throws Exception {
		Class<?> builderType = Class.forName("java.lang.Thread$Builder");
		Object builder = builderType.getMethod("name", String.class)
			.invoke(Thread.class.getMethod("ofVirtual").invoke(null), name);
		builderType.getMethod("start", Runnable.class).invoke(builder, body);
	}

	/** A factory of virtual threads named {@code prefix1}, {@code prefix2}, ... */
	public static ThreadFactory virtualFactory(String prefix) throws Exception {
		Class<?> builderType = Class.forName("java.lang.Thread$Builder");
		Object builder = builderType.getMethod("name", String.class, long.class)
			.invoke(Thread.class.getMethod("ofVirtual").invoke(null), prefix, 1L);
		return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
	}

}
