package dev.leakwatch.core.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tracked task each thread is running. Every thread that runs tracked tasks gets one slot, registered
 * once, so a task start is a thread-local read and a release store: no lock and no shared map insert per task.
 * The sampler reads the slots to find running tasks and their threads. Virtual threads give their slot back
 * when their last task ends, since each of them usually runs one task.
 */
final class RunningSlots {

	private final ThreadLocal<Slot> local = new ThreadLocal<>();

	private final Set<Slot> slots = ConcurrentHashMap.newKeySet();

	Slot slot() {
		Slot slot = this.local.get();
		if (slot == null) {
			slot = new Slot(Thread.currentThread());
			this.local.set(slot);
			this.slots.add(slot);
		}
		return slot;
	}

	/** The tasks running now; forgets the slots of threads that have died. */
	List<RunningTask> running() {
		List<RunningTask> running = new ArrayList<>();
		for (Slot slot : this.slots) {
			if (!slot.thread.isAlive()) {
				this.slots.remove(slot);
				continue;
			}
			TrackedTask task = slot.current();
			if (task != null) {
				running.add(new RunningTask(task.source(), task.description(), slot.thread, task.submitNanos(),
						task.startNanos(), Arrays.asList(task.submitSite()), task, 0, null));
			}
		}
		return running;
	}

	int size() {
		return this.slots.size();
	}

	private void release(Slot slot) {
		this.local.remove();
		this.slots.remove(slot);
	}

	/** One thread's running task; tasks run inline by another task (caller-runs) nest. */
	final class Slot {

		private static final VarHandle CURRENT;

		static {
			try {
				CURRENT = MethodHandles.lookup().findVarHandle(Slot.class, "current", TrackedTask.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final Thread thread;

		private final boolean virtual;

		@SuppressWarnings("unused") // accessed through CURRENT
		private TrackedTask current;

		private Slot(Thread thread) {
			this.thread = thread;
			this.virtual = Threads.isVirtual(thread);
		}

		/** Makes {@code task} this thread's running task; returns the one it runs inside of, if any. */
		TrackedTask enter(TrackedTask task) {
			TrackedTask outer = (TrackedTask) CURRENT.get(this);
			CURRENT.setRelease(this, task);
			return outer;
		}

		void exit(TrackedTask outer) {
			CURRENT.setRelease(this, outer);
			if (outer == null && this.virtual) {
				release(this);
			}
		}

		TrackedTask current() {
			return (TrackedTask) CURRENT.getAcquire(this);
		}

	}

}
