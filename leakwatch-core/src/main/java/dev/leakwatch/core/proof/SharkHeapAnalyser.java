package dev.leakwatch.core.proof;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import dev.leakwatch.core.thread.ThreadStack;
import shark.CloseableHeapGraph;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapObject;
import shark.HeapObject.HeapClass;
import shark.HeapObject.HeapInstance;
import shark.HeapObject.HeapObjectArray;
import shark.HeapObject.HeapPrimitiveArray;
import shark.HprofHeapGraph;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord.FieldRecord;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord.StaticFieldRecord;
import shark.HprofRecordTag;
import shark.PrimitiveType;
import shark.ThrowingCancelableFileSourceProvider;
import shark.ValueHolder;

/**
 * Judges the waiting threads of a heap dump with LeakCanary's Shark; the one class of leakwatch that loads
 * Shark (and so Kotlin).
 * <p>
 * The marking follows Go's {@code goroutineleak} design. A thread that waits without a timeout on something the
 * dump names (its park blocker, or the monitor it waits for) is a <em>candidate</em>; every other thread is live.
 * Roots are all GC roots except a candidate's stack frames and its {@code Thread} object. Marking follows every
 * strong, soft and weak reference (live code could still {@code get()} a weak referent), but not phantom
 * referents, which nobody can get. A candidate's {@code Thread} object, when something reaches it (JDK 17 keeps
 * every thread in its {@code ThreadGroup}, a pool keeps its workers), is marked but not followed: what only the
 * waiting thread holds, its task, its thread locals and its park blocker, cannot wake it. When a candidate's
 * blocker gets marked, something live can reach it, so the candidate could still be woken: its frames and its
 * {@code Thread} object become roots too. This repeats until nothing changes; the candidates left are proven
 * leaked.
 */
final class SharkHeapAnalyser implements HeapAnalyser {

	// JVMTI thread state bits, as java.lang.Thread keeps them in threadStatus (jdk.internal.misc.VM.toThreadState)
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

	/** How many objects are visited between deadline checks. */
	private static final int CHECK_EVERY = 1 << 12;

	/** How many thread names a sentence of {@link ProofResult#notCovered()} lists. */
	private static final int NAMES_LISTED = 5;

	@Override
	public HeapAnalysis analyse(Path dump, Map<Long, ThreadStack> stacks, Deadline deadline) throws IOException {
		ThrowingCancelableFileSourceProvider source = new ThrowingCancelableFileSourceProvider(dump.toFile(),
				deadline::check);
		try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(source, null,
				HprofRecordTag.Companion.getRootTags())) {
			return new Marking(graph, stacks, deadline).analyse();
		}
	}

	/** How a thread waits, as far as the dump tells. */
	private enum Wait {

		/** Not without a timeout, or on nothing the dump names. */
		NONE,

		/** {@code LockSupport.park} with a blocker. */
		PARK,

		/** {@code Object.wait()} or monitor entry. */
		MONITOR

	}

	/** A thread of the dump: one per thread-object GC root. */
	private static final class DumpThread {

		final int serial;

		final HeapInstance object;

		long id;

		String name;

		boolean virtual;

		Thread.State state = Thread.State.RUNNABLE;

		Wait wait = Wait.NONE;

		long parkBlocker;

		String blocker;

		/** The objects its frames hold (Java frame, JNI local and native stack roots). */
		final List<HeapObject> frames = new ArrayList<>();

		/** What it waits on: one object for a park, the frame objects of the monitor's class for a monitor. */
		List<HeapObject> blockers = List.of();

		boolean candidate;

		boolean woken;

		DumpThread(int serial, HeapInstance object) {
			this.serial = serial;
			this.object = object;
		}

		boolean waitsForever() {
			return this.state == Thread.State.WAITING || this.state == Thread.State.BLOCKED;
		}

	}

	private static final class Marking {

		private final CloseableHeapGraph graph;

		private final Map<Long, ThreadStack> stacks;

		private final Deadline deadline;

		private final int idSize;

		private final int[] primitiveSizes = new int[16];

		private final int objectCount;

		/** Marks what live threads can reach. */
		private final Walk marking;

		/** Per class id: the offsets of the references its instances hold in their field values. */
		private final Map<Long, int[]> layouts = new HashMap<>();

		private final Map<String, Integer> virtualStates = new HashMap<>();

		private long leakedBytes;

		private int leakedObjects;

		private int visits;

		Marking(CloseableHeapGraph graph, Map<Long, ThreadStack> stacks, Deadline deadline) {
			this.graph = graph;
			this.stacks = stacks;
			this.deadline = deadline;
			this.idSize = graph.getIdentifierByteSize();
			for (PrimitiveType type : PrimitiveType.values()) {
				this.primitiveSizes[type.getHprofType()] = type.getByteSize();
			}
			this.objectCount = graph.getObjectCount();
			this.marking = new Walk(null);
		}

		HeapAnalysis analyse() {
			readVirtualThreadStates();
			Map<Integer, DumpThread> threads = new HashMap<>();
			List<GcRoot> roots = this.graph.getGcRoots();
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
			for (DumpThread thread : threads.values()) {
				findBlockers(thread);
				if (thread.candidate) {
					this.marking.opaque.set(keyOf(thread.object));
				}
			}
			for (GcRoot root : roots) {
				DumpThread owner = threads.get(threadSerialOf(root));
				if (owner == null || !owner.candidate) {
					this.marking.push(root.getId());
				}
			}
			do {
				markUntilNoneWakes(threads.values());
			}
			while (markUnseenHolders(threads.values()));
			return result(threads);
		}

		private void markUntilNoneWakes(Collection<DumpThread> threads) {
			boolean woke = true;
			while (woke) {
				this.marking.drain();
				woke = false;
				for (DumpThread thread : threads) {
					if (thread.candidate && !thread.woken && anyMarked(thread.blockers)) {
						thread.woken = true;
						woke = true;
						this.marking.opaque.clear(keyOf(thread.object));
						this.marking.pushAndFollow(thread.object);
						thread.frames.forEach(this.marking::push);
					}
				}
			}
		}

		/**
		 * Marks what is held through references a heap dump leaves out (the fields of {@code java.lang.Class}
		 * objects: reflection data, class values, a hidden class's data; on some JDKs the stacks of unmounted virtual
		 * threads). Every object of a live dump is reachable, so an object that neither the marking nor the waiting
		 * candidates reach is held through one of those, by something that may be live: it is marked. What the
		 * candidates alone reach is what the leak costs, counted on the way.
		 * @return whether anything was marked
		 */
		private boolean markUnseenHolders(Collection<DumpThread> threads) {
			Walk candidates = new Walk(this.marking.seen);
			for (DumpThread thread : threads) {
				if (thread.candidate && !thread.woken) {
					candidates.pushAndFollow(thread.object);
					thread.frames.forEach(candidates::push);
				}
			}
			candidates.drain();
			boolean marked = false;
			this.leakedBytes = 0;
			this.leakedObjects = 0;
			for (Iterator<HeapObject> objects = this.graph.getObjects().iterator(); objects.hasNext();) {
				HeapObject object = objects.next();
				if (object instanceof HeapPrimitiveArray) {
					object = this.graph.findObjectById(object.getObjectId());
				}
				int key = keyOf(object);
				if (this.marking.seen.get(key)) {
					continue;
				}
				if (candidates.seen.get(key)) {
					this.leakedObjects++;
					this.leakedBytes += byteSizeOf(object);
				}
				else {
					this.marking.push(object);
					marked = true;
				}
			}
			return marked;
		}

		private static long byteSizeOf(HeapObject object) {
			if (object instanceof HeapInstance instance) {
				return instance.getByteSize();
			}
			if (object instanceof HeapObjectArray array) {
				return array.getByteSize();
			}
			if (object instanceof HeapPrimitiveArray array) {
				return array.getByteSize();
			}
			return 0;
		}

		private boolean anyMarked(List<HeapObject> objects) {
			for (HeapObject object : objects) {
				if (this.marking.seen.get(keyOf(object))) {
					return true;
				}
			}
			return false;
		}

		/** Calls {@code to} with every object id {@code object} refers to. */
		private void follow(HeapObject object, LongConsumer to) {
			if ((++this.visits & (CHECK_EVERY - 1)) == 0) {
				this.deadline.check();
			}
			if (object instanceof HeapInstance instance) {
				followInstance(instance, to);
			}
			else if (object instanceof HeapObjectArray array) {
				to.accept(array.getArrayClassId());
				for (long element : array.readRecord().getElementIds()) {
					to.accept(element);
				}
			}
			else if (object instanceof HeapClass type) {
				followClass(type, to);
			}
		}

		private void followInstance(HeapInstance instance, LongConsumer to) {
			long classId = instance.getInstanceClassId();
			to.accept(classId);
			int[] offsets = this.layouts.get(classId);
			if (offsets == null) {
				offsets = referenceOffsets(instance.getInstanceClass());
				this.layouts.put(classId, offsets);
			}
			if (offsets.length == 0) {
				return;
			}
			byte[] values = instance.readRecord().getFieldValues();
			for (int offset : offsets) {
				if (offset + this.idSize <= values.length) {
					to.accept(readId(values, offset));
				}
			}
		}

		private static void followClass(HeapClass type, LongConsumer to) {
			ClassDumpRecord record = type.readRecord();
			to.accept(record.getSuperclassId());
			to.accept(record.getClassLoaderId());
			to.accept(record.getSignersId());
			to.accept(record.getProtectionDomainId());
			for (StaticFieldRecord field : record.getStaticFields()) {
				if (field.getValue() instanceof ValueHolder.ReferenceHolder reference && !reference.isNull()) {
					to.accept(reference.getValue());
				}
			}
		}

		/**
		 * Where an instance of {@code type} holds references: the field values of an instance dump list the
		 * class's own fields first, then its superclass's, and so on. A phantom reference's referent is left
		 * out: nobody can get it.
		 */
		private int[] referenceOffsets(HeapClass type) {
			boolean phantom = false;
			for (HeapClass c = type; c != null; c = c.getSuperclass()) {
				phantom |= c.getName().equals("java.lang.ref.PhantomReference");
			}
			IntList offsets = new IntList();
			int offset = 0;
			for (HeapClass c = type; c != null; c = c.getSuperclass()) {
				boolean reference = phantom && c.getName().equals("java.lang.ref.Reference");
				for (FieldRecord field : c.readRecordFields()) {
					if (field.getType() == PrimitiveType.REFERENCE_HPROF_TYPE) {
						if (!reference || !c.instanceFieldName(field).equals("referent")) {
							offsets.add(offset);
						}
						offset += this.idSize;
					}
					else {
						offset += this.primitiveSizes[field.getType()];
					}
				}
			}
			return offsets.toArray();
		}

		private long readId(byte[] values, int offset) {
			long id = 0;
			for (int i = 0; i < this.idSize; i++) {
				id = (id << 8) | (values[offset + i] & 0xFF);
			}
			return id;
		}

		/**
		 * A number for each object of the dump, none shared. Not Shark's object index alone: Shark 2.14 numbers a
		 * primitive array found by id from an offset that can overlap the object arrays' numbers (and differently
		 * from the same array met while iterating), so primitive arrays get a range of their own above all others
		 * and must be found by id.
		 */
		private int keyOf(HeapObject object) {
			return (object instanceof HeapPrimitiveArray) ? this.objectCount + object.getObjectIndex()
					: object.getObjectIndex();
		}

		/** A depth-first walk of references that sees each object once. */
		private final class Walk {

			/** The objects seen, by {@link #keyOf(HeapObject)}. */
			final BitSet seen = new BitSet(2 * Marking.this.objectCount);

			/** Objects seen but not followed: the thread objects of waiting candidates. */
			final BitSet opaque = new BitSet();

			/** Objects this walk neither sees nor follows, or {@code null}. */
			private final BitSet outside;

			private final ArrayDeque<HeapObject> work = new ArrayDeque<>();

			private final LongConsumer pushId = this::push;

			Walk(BitSet outside) {
				this.outside = outside;
			}

			void push(long id) {
				HeapObject object = (id != 0) ? Marking.this.graph.findObjectByIdOrNull(id) : null;
				if (object != null) {
					push(object);
				}
			}

			void push(HeapObject object) {
				int key = keyOf(object);
				if (!this.seen.get(key) && (this.outside == null || !this.outside.get(key))) {
					this.seen.set(key);
					if (!(object instanceof HeapPrimitiveArray)) {
						this.work.push(object);
					}
				}
			}

			/** Sees {@code object} and follows its references, even if it was seen or is outside before. */
			void pushAndFollow(HeapObject object) {
				int key = keyOf(object);
				if (this.outside == null || !this.outside.get(key)) {
					this.seen.set(key);
				}
				this.work.push(object);
			}

			void drain() {
				while (!this.work.isEmpty()) {
					HeapObject object = this.work.pop();
					if (!this.opaque.get(keyOf(object))) {
						follow(object, this.pushId);
					}
				}
			}

		}

		private static int threadSerialOf(GcRoot root) {
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

		// ---- threads

		private void readVirtualThreadStates() {
			HeapClass virtual = this.graph.findClassByName(VIRTUAL_THREAD);
			if (virtual == null) {
				return;
			}
			for (Iterator<HeapField> fields = virtual.readStaticFields().iterator(); fields.hasNext();) {
				HeapField field = fields.next();
				if (field.getValue().getHolder() instanceof ValueHolder.IntHolder value) {
					this.virtualStates.put(field.getName(), value.getValue());
				}
			}
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

		/** A virtual thread's state, by the names of {@code VirtualThread}'s constants, read from the dump. */
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

		/** What the thread waits on, if the dump names it; a thread with a blocker is a candidate. */
		private void findBlockers(DumpThread thread) {
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
				// the dump does not say which object's monitor it is; any object of its class in the thread's
				// frames may be it, so any of them being reachable keeps the thread reachable
				thread.blockers = thread.frames.stream()
					.filter((object) -> monitor.equals(classNameOf(object)))
					.toList();
				thread.candidate = !thread.blockers.isEmpty();
			}
		}

		/**
		 * The class of the monitor a platform thread waits for, from the thread MXBean just before the dump (a
		 * dump does not record it), if the thread waited the same way then.
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

		private static long longField(HeapInstance instance, String declaringClass, String name) {
			HeapField field = instance.readField(declaringClass, name);
			Long value = (field != null) ? field.getValue().getAsLong() : null;
			return (value != null) ? value : -1;
		}

		// ---- result

		private HeapAnalysis result(Map<Integer, DumpThread> threads) {
			List<DumpThread> judged = threads.values()
				.stream()
				.filter(DumpThread::waitsForever)
				.sorted((a, b) -> Integer.compare(a.serial, b.serial))
				.toList();
			List<String> notCovered = new ArrayList<>();
			int uncoveredVirtual = uncoveredVirtualThreads(threads);
			if (uncoveredVirtual > 0) {
				notCovered.add(uncoveredVirtual + " virtual threads are missing from the dump's threads (this JDK does"
						+ " not dump the stacks of unmounted virtual threads): one of them might wake a waiting thread,"
						+ " so no thread is proven leaked");
			}
			List<ThreadVerdict> verdicts = new ArrayList<>(judged.size());
			List<String> unknown = new ArrayList<>();
			boolean anyVirtual = false;
			for (DumpThread thread : judged) {
				Verdict verdict = (!thread.candidate || (!thread.woken && uncoveredVirtual > 0)) ? Verdict.UNKNOWN
						: thread.woken ? Verdict.REACHABLE : Verdict.UNREACHABLE;
				if (!thread.candidate) {
					unknown.add(thread.name);
				}
				anyVirtual |= thread.virtual;
				ThreadStack stack = thread.virtual ? null : this.stacks.get(thread.id);
				verdicts.add(new ThreadVerdict(thread.id, thread.name, thread.state, thread.virtual, verdict,
						thread.blocker, (stack != null) ? stack.frameLines() : List.of()));
			}
			if (!unknown.isEmpty()) {
				notCovered.add(unknown.size() + " threads wait without a timeout on nothing the dump names"
						+ " (LockSupport.park() without a blocker, or a monitor not found in their frames) and count as"
						+ " live: " + listed(unknown));
			}
			if (anyVirtual) {
				notCovered.add("virtual threads are judged from the dump, but their stacks are not reported");
			}
			return new HeapAnalysis(this.objectCount, verdicts, this.leakedBytes, this.leakedObjects, notCovered);
		}

		/** Virtual threads alive in the heap that the dump does not list as threads, so their stacks are unseen. */
		private int uncoveredVirtualThreads(Map<Integer, DumpThread> threads) {
			HeapClass virtual = this.graph.findClassByName(VIRTUAL_THREAD);
			if (virtual == null) {
				return 0;
			}
			BitSet listed = new BitSet();
			threads.values().forEach((thread) -> listed.set(keyOf(thread.object)));
			int uncovered = 0;
			for (Iterator<HeapInstance> instances = virtual.getInstances().iterator(); instances.hasNext();) {
				HeapInstance instance = instances.next();
				if (!listed.get(keyOf(instance))) {
					DumpThread thread = new DumpThread(-1, instance);
					readVirtualState(thread, instance);
					if (thread.state != Thread.State.NEW && thread.state != Thread.State.TERMINATED) {
						uncovered++;
					}
				}
			}
			return uncovered;
		}

		private static String listed(List<String> names) {
			String shown = String.join(", ", names.subList(0, Math.min(NAMES_LISTED, names.size())));
			return (names.size() > NAMES_LISTED) ? shown + ", ..." : shown;
		}

	}

	/** A growable list of ints. */
	private static final class IntList {

		private int[] values = new int[16];

		private int size;

		void add(int value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		int[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
