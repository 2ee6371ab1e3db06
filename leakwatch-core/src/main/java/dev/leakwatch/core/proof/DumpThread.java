package dev.leakwatch.core.proof;

import java.util.ArrayList;
import java.util.List;

import shark.HeapObject;
import shark.HeapObject.HeapInstance;

/**
 * A thread of a heap dump, as {@link DumpThreads} read it: one per thread-object GC root.
 */
final class DumpThread {

	/** How a thread waits, as far as the dump tells. */
	enum Wait {

		/** Not without a timeout, or on nothing the dump names. */
		NONE,

		/** {@code LockSupport.park} with a blocker. */
		PARK,

		/** {@code Object.wait()} or monitor entry. */
		MONITOR

	}

	final int serial;

	final HeapInstance object;

	long id;

	String name;

	boolean virtual;

	Thread.State state = Thread.State.RUNNABLE;

	Wait wait = Wait.NONE;

	long parkBlocker;

	/** The class of what it waits on, once {@link Blockers} found it. */
	String blocker;

	/** The objects its frames hold (Java frame, JNI local and native stack roots). */
	final List<HeapObject> frames = new ArrayList<>();

	/**
	 * What it waits on: one object for a park, the frame objects of the monitor's class
	 * for a monitor.
	 */
	List<HeapObject> blockers = List.of();

	/** Whether it waits without a timeout on something the dump names. */
	boolean candidate;

	/**
	 * Whether something live reached what it waits on, so that it could still be woken.
	 */
	boolean woken;

	DumpThread(int serial, HeapInstance object) {
		this.serial = serial;
		this.object = object;
	}

	boolean waitsForever() {
		return this.state == Thread.State.WAITING || this.state == Thread.State.BLOCKED;
	}

}
