package dev.leakwatch.core.proof;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.proof.DumpThread.Wait;
import shark.CloseableHeapGraph;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapObject;
import shark.HeapObject.HeapClass;
import shark.HeapObject.HeapInstance;
import shark.ValueHolder;

/**
 * Reads the threads of a heap dump: each thread-object GC root with its id, name and
 * state (from the JVMTI status bits of a platform thread, from {@code VirtualThread}'s
 * own constants for a virtual one), and the objects its frames hold.
 */
final class DumpThreads {

	// JVMTI thread state bits, as java.lang.Thread keeps them in threadStatus
	// (jdk.internal.misc.VM.toThreadState)
	private static final int ALIVE = 0x0001;

	private static final int TERMINATED = 0x0002;

	private static final int RUNNABLE = 0x0004;

	private static final int WAITING_INDEFINITELY = 0x0010;

	private static final int WAITING_WITH_TIMEOUT = 0x0020;

	private static final int IN_OBJECT_WAIT = 0x0100;

	private static final int PARKED = 0x0200;

	private static final int BLOCKED_ON_MONITOR_ENTER = 0x0400;

	private static final String THREAD = "java.lang.Thread";

	private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";

	private final CloseableHeapGraph graph;

	private final Map<String, Integer> virtualStates = new HashMap<>();

	DumpThreads(CloseableHeapGraph graph) {
		this.graph = graph;
		HeapClass virtual = graph.findClassByName(VIRTUAL_THREAD);
		if (virtual != null) {
			for (Iterator<HeapField> fields = virtual.readStaticFields().iterator(); fields.hasNext();) {
				HeapField field = fields.next();
				if (field.getValue().getHolder() instanceof ValueHolder.IntHolder value) {
					this.virtualStates.put(field.getName(), value.getValue());
				}
			}
		}
	}

	/** The dump's threads by serial number, each with the objects its frames hold. */
	Map<Integer, DumpThread> read(List<GcRoot> roots) {
		Map<Integer, DumpThread> threads = new HashMap<>();
		for (GcRoot root : roots) {
			if (root instanceof GcRoot.ThreadObject threadRoot) {
				HeapObject object = this.graph.findObjectByIdOrNull(root.getId());
				if (object instanceof HeapInstance instance) {
					DumpThread thread = new DumpThread(threadRoot.getThreadSerialNumber(), instance);
					read(thread, instance);
					threads.put(thread.serial, thread);
				}
			}
		}
		for (GcRoot root : roots) {
			DumpThread owner = threads.get(threadSerialOf(root));
			HeapObject object = (owner != null && !(root instanceof GcRoot.ThreadObject))
					? this.graph.findObjectByIdOrNull(root.getId()) : null;
			if (object != null) {
				owner.frames.add(object);
			}
		}
		return threads;
	}

	/**
	 * Virtual threads alive in the heap that the dump does not list as threads, so their
	 * stacks are unseen.
	 * @param listed the objects of the threads the dump lists, by
	 * {@link References#keyOf}
	 */
	int unlistedVirtualThreads(BitSet listed, References references) {
		HeapClass virtual = this.graph.findClassByName(VIRTUAL_THREAD);
		if (virtual == null) {
			return 0;
		}
		int unlisted = 0;
		for (Iterator<HeapInstance> instances = virtual.getInstances().iterator(); instances.hasNext();) {
			HeapInstance instance = instances.next();
			if (!listed.get(references.keyOf(instance))) {
				DumpThread thread = new DumpThread(-1, instance);
				readVirtualState(thread, instance);
				if (thread.state != Thread.State.NEW && thread.state != Thread.State.TERMINATED) {
					unlisted++;
				}
			}
		}
		return unlisted;
	}

	/** The serial number of the thread a root belongs to, or -1. */
	static int threadSerialOf(GcRoot root) {
		if (root instanceof GcRoot.JavaFrame frame) {
			return frame.getThreadSerialNumber();
		}
		if (root instanceof GcRoot.JniLocal local) {
			return local.getThreadSerialNumber();
		}
		if (root instanceof GcRoot.NativeStack stack) {
			return stack.getThreadSerialNumber();
		}
		if (root instanceof GcRoot.ThreadBlock block) {
			return block.getThreadSerialNumber();
		}
		if (root instanceof GcRoot.ThreadObject thread) {
			return thread.getThreadSerialNumber();
		}
		return -1;
	}

	private void read(DumpThread thread, HeapInstance instance) {
		thread.id = longField(instance, THREAD, "tid");
		HeapField name = instance.readField(THREAD, "name");
		thread.name = (name != null) ? name.getValue().readAsJavaString() : null;
		HeapField blocker = instance.readField(THREAD, "parkBlocker");
		Long blockerId = (blocker != null) ? blocker.getValue().getAsObjectId() : null;
		thread.parkBlocker = (blockerId != null) ? blockerId : 0;
		thread.virtual = instance.instanceOf(VIRTUAL_THREAD);
		if (thread.virtual) {
			readVirtualState(thread, instance);
		}
		else {
			readPlatformState(thread, instance);
		}
	}

	private void readPlatformState(DumpThread thread, HeapInstance instance) {
		HeapField status = instance.readField(THREAD, "threadStatus");
		if (status == null) {
			// JDK 19+: the fields of platform threads moved to a holder
			HeapField holder = instance.readField(THREAD, "holder");
			HeapInstance fields = (holder != null) ? holder.getValueAsInstance() : null;
			status = (fields != null) ? fields.readField(THREAD + "$FieldHolder", "threadStatus") : null;
		}
		Integer value = (status != null) ? status.getValue().getAsInt() : null;
		if (value == null) {
			return;
		}
		int bits = value;
		thread.state = stateOf(bits);
		if ((bits & BLOCKED_ON_MONITOR_ENTER) != 0) {
			thread.wait = Wait.MONITOR;
		}
		else if ((bits & WAITING_INDEFINITELY) != 0) {
			thread.wait = ((bits & PARKED) != 0) ? Wait.PARK
					: ((bits & IN_OBJECT_WAIT) != 0) ? Wait.MONITOR : Wait.NONE;
		}
	}

	private static Thread.State stateOf(int bits) {
		if ((bits & RUNNABLE) != 0) {
			return Thread.State.RUNNABLE;
		}
		if ((bits & BLOCKED_ON_MONITOR_ENTER) != 0) {
			return Thread.State.BLOCKED;
		}
		if ((bits & WAITING_INDEFINITELY) != 0) {
			return Thread.State.WAITING;
		}
		if ((bits & WAITING_WITH_TIMEOUT) != 0) {
			return Thread.State.TIMED_WAITING;
		}
		if ((bits & TERMINATED) != 0) {
			return Thread.State.TERMINATED;
		}
		return ((bits & ALIVE) == 0) ? Thread.State.NEW : Thread.State.RUNNABLE;
	}

	/**
	 * A virtual thread's state, by the names of {@code VirtualThread}'s constants, read
	 * from the dump.
	 */
	private void readVirtualState(DumpThread thread, HeapInstance instance) {
		HeapField field = instance.readField(VIRTUAL_THREAD, "state");
		Integer value = (field != null) ? field.getValue().getAsInt() : null;
		if (value == null) {
			return;
		}
		int state = value & ~this.virtualStates.getOrDefault("SUSPENDED", 0);
		if (isVirtual(state, "PARKED") || isVirtual(state, "PINNED")) {
			thread.state = Thread.State.WAITING;
			thread.wait = Wait.PARK;
		}
		else if (isVirtual(state, "BLOCKED")) {
			thread.state = Thread.State.BLOCKED;
			thread.wait = Wait.MONITOR;
		}
		else if (isVirtual(state, "WAIT")) {
			thread.state = Thread.State.WAITING;
			thread.wait = Wait.MONITOR;
		}
		else if (isVirtual(state, "TIMED_PARKED") || isVirtual(state, "TIMED_PINNED")
				|| isVirtual(state, "TIMED_WAIT")) {
			thread.state = Thread.State.TIMED_WAITING;
		}
		else if (isVirtual(state, "NEW")) {
			thread.state = Thread.State.NEW;
		}
		else if (isVirtual(state, "TERMINATED")) {
			thread.state = Thread.State.TERMINATED;
		}
	}

	private boolean isVirtual(int state, String name) {
		Integer value = this.virtualStates.get(name);
		return value != null && value == state;
	}

	private static long longField(HeapInstance instance, String declaringClass, String name) {
		HeapField field = instance.readField(declaringClass, name);
		Long value = (field != null) ? field.getValue().getAsLong() : null;
		return (value != null) ? value : -1;
	}

}
