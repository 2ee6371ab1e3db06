package dev.leakwatch.core.thread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Virtual threads, which {@code ThreadMXBean} does not list, read from the JDK's JSON
 * thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads}, JDK 21+). The dump walks
 * every thread, so it is taken only when asked for. Before JDK 21 {@link #available()} is
 * false and nothing is read.
 */
public final class VirtualThreads {

	private static final Method DUMP_THREADS = findDumpThreads();

	private static final Object JSON_FORMAT = findJsonFormat();

	private VirtualThreads() {
	}

	/** Whether this JVM can list virtual threads (JDK 21+). */
	public static boolean available() {
		return DUMP_THREADS != null && JSON_FORMAT != null;
	}

	/** Why virtual threads are not in a report, when {@link #available()} is false. */
	public static String unavailableReason() {
		return "virtual threads not listed: the JDK's JSON thread dump needs Java 21+, this JVM is "
				+ Runtime.version().feature();
	}

	/**
	 * The live virtual threads, each cut to {@code depth} frames. Their ids are the JDK's
	 * thread ids.
	 * @throws IllegalStateException when not {@link #available()}
	 */
	public static List<ThreadStack> dump(int depth) {
		if (!available()) {
			throw new IllegalStateException(unavailableReason());
		}
		Set<Long> platform = new HashSet<>();
		for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
			platform.add(id);
		}
		return parse(readDump(), platform, depth);
	}

	@SuppressWarnings("unchecked")
	static List<ThreadStack> parse(String json, Set<Long> platformIds, int depth) {
		Map<String, Object> dump = (Map<String, Object>) ((Map<String, Object>) Json.parse(json)).get("threadDump");
		List<Map<String, Object>> all = new ArrayList<>();
		for (Object container : (List<Object>) dump.get("threadContainers")) {
			for (Object entry : (List<Object>) ((Map<String, Object>) container).get("threads")) {
				all.add((Map<String, Object>) entry);
			}
		}
		// Newer JDKs mark virtual threads; JDK 21 does not, but then ThreadMXBean lists
		// only platform threads (a
		// platform thread started between the two looks would pass for virtual: only
		// where there is no mark)
		boolean marked = all.stream().anyMatch((thread) -> thread.containsKey("virtual"));
		List<ThreadStack> threads = new ArrayList<>();
		for (Map<String, Object> thread : all) {
			long id = Long.parseLong((String) thread.get("tid"));
			boolean virtual = marked ? Boolean.TRUE.equals(thread.get("virtual")) : !platformIds.contains(id);
			if (!virtual) {
				continue;
			}
			List<StackTraceElement> frames = new ArrayList<>();
			for (Object frame : (List<Object>) thread.get("stack")) {
				if (frames.size() == depth) {
					break;
				}
				frames.add(StackFrames.parse((String) frame));
			}
			threads.add(new ThreadStack(id, (String) thread.get("name"), state(thread, frames), true,
					List.copyOf(frames), (String) thread.get("waitingOn"), null, true));
		}
		return threads;
	}

	/**
	 * JDK 25 gives the state; before, a virtual thread parked or waiting shows a park
	 * frame on top.
	 */
	private static Thread.State state(Map<String, Object> thread, List<StackTraceElement> frames) {
		Object state = thread.get("state");
		if (state instanceof String name) {
			return Thread.State.valueOf(name);
		}
		boolean parked = !frames.isEmpty() && frames.get(0).getMethodName().startsWith("park");
		return parked ? Thread.State.WAITING : Thread.State.RUNNABLE;
	}

	private static String readDump() {
		Path directory = null;
		try {
			directory = Files.createTempDirectory("leakwatch-threads");
			Path file = directory.resolve("threads.json");
			DUMP_THREADS.invoke(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), file.toString(),
					JSON_FORMAT);
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not dump threads as JSON", ex);
		}
		finally {
			deleteQuietly(directory);
		}
	}

	private static void deleteQuietly(Path directory) {
		if (directory == null) {
			return;
		}
		try {
			Files.deleteIfExists(directory.resolve("threads.json"));
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			// a temporary file the OS cleans up; nothing in it is secret beyond stack
			// frames
		}
	}

	private static Method findDumpThreads() {
		try {
			Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
			return HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, format);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return null;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object findJsonFormat() {
		try {
			Class format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
			return Enum.valueOf(format, "JSON");
		}
		catch (ReflectiveOperationException | LinkageError | IllegalArgumentException ex) {
			return null;
		}
	}

}
