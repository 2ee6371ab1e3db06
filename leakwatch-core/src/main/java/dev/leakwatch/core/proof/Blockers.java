package dev.leakwatch.core.proof;

import java.util.List;
import java.util.Map;

import dev.leakwatch.core.proof.DumpThread.Wait;
import dev.leakwatch.core.thread.ThreadStack;
import shark.CloseableHeapGraph;
import shark.HeapObject;
import shark.HeapObject.HeapClass;
import shark.HeapObject.HeapInstance;
import shark.HeapObject.HeapObjectArray;
import shark.HeapObject.HeapPrimitiveArray;

/**
 * Finds what a waiting thread of the dump waits on: its park blocker, or for a monitor
 * (which a dump does not record) the objects of the monitor's class among its frames. A
 * thread with a blocker is a candidate.
 */
final class Blockers {

	private final CloseableHeapGraph graph;

	private final Map<Long, ThreadStack> stacks;

	/**
	 * @param stacks the thread MXBean's view of each platform thread just before the
	 * dump, by thread id
	 */
	Blockers(CloseableHeapGraph graph, Map<Long, ThreadStack> stacks) {
		this.graph = graph;
		this.stacks = stacks;
	}

	/**
	 * What the thread waits on, if the dump names it; a thread with a blocker is a
	 * candidate.
	 */
	void find(DumpThread thread) {
		if (!thread.waitsForever()) {
			return;
		}
		if (thread.wait == Wait.PARK && thread.parkBlocker != 0) {
			HeapObject blocker = this.graph.findObjectByIdOrNull(thread.parkBlocker);
			if (blocker != null) {
				thread.blocker = classNameOf(blocker);
				thread.blockers = List.of(blocker);
				thread.candidate = true;
			}
		}
		else if (thread.wait == Wait.MONITOR) {
			String monitor = monitorClassOf(thread);
			if (monitor == null) {
				return;
			}
			thread.blocker = monitor;
			// the dump does not say which object's monitor it is; any object of its class
			// in the thread's
			// frames may be it, so any of them being reachable keeps the thread reachable
			thread.blockers = thread.frames.stream().filter((object) -> monitor.equals(classNameOf(object))).toList();
			thread.candidate = !thread.blockers.isEmpty();
		}
	}

	/**
	 * The class of the monitor a platform thread waits for, from the thread MXBean just
	 * before the dump (a dump does not record it), if the thread waited the same way
	 * then.
	 */
	private String monitorClassOf(DumpThread thread) {
		ThreadStack stack = thread.virtual ? null : this.stacks.get(thread.id);
		if (stack == null || stack.lock() == null || stack.state() != thread.state) {
			return null;
		}
		if (thread.state == Thread.State.WAITING) {
			List<StackTraceElement> frames = stack.frames();
			boolean inWait = !frames.isEmpty() && frames.get(0).getClassName().equals("java.lang.Object")
					&& frames.get(0).getMethodName().startsWith("wait");
			if (!inWait) {
				return null;
			}
		}
		int at = stack.lock().lastIndexOf('@');
		return (at > 0) ? stack.lock().substring(0, at) : null;
	}

	private static String classNameOf(HeapObject object) {
		if (object instanceof HeapInstance instance) {
			return instance.getInstanceClassName();
		}
		if (object instanceof HeapClass) {
			return "java.lang.Class";
		}
		if (object instanceof HeapObjectArray array) {
			return array.getArrayClassName();
		}
		return ((HeapPrimitiveArray) object).getArrayClassName();
	}

}
