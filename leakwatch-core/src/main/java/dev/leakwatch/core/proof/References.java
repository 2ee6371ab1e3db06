package dev.leakwatch.core.proof;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

import shark.CloseableHeapGraph;
import shark.HeapObject;
import shark.HeapObject.HeapClass;
import shark.HeapObject.HeapInstance;
import shark.HeapObject.HeapObjectArray;
import shark.HeapObject.HeapPrimitiveArray;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord.FieldRecord;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord.StaticFieldRecord;
import shark.PrimitiveType;
import shark.ValueHolder;

/**
 * The references each object of a dump holds, read straight from its record: an
 * instance's reference fields at offsets decoded once per class (Shark's field-by-field
 * reading allocates per field), an array's elements, a class's superclass, loader and
 * static fields; of leakwatch's bookkeeping only its class. Also numbers the dump's
 * objects for the walks' bit sets.
 */
final class References {

	/** How many objects are visited between deadline checks. */
	private static final int CHECK_EVERY = 1 << 12;

	private final CloseableHeapGraph graph;

	private final Deadline deadline;

	private final int idSize;

	private final int[] primitiveSizes = new int[16];

	private final int objectCount;

	/**
	 * Per class id: the offsets of the references its instances hold in their field
	 * values.
	 */
	private final Map<Long, int[]> layouts = new HashMap<>();

	private int visits;

	References(CloseableHeapGraph graph, Deadline deadline) {
		this.graph = graph;
		this.deadline = deadline;
		this.idSize = graph.getIdentifierByteSize();
		for (PrimitiveType type : PrimitiveType.values()) {
			this.primitiveSizes[type.getHprofType()] = type.getByteSize();
		}
		this.objectCount = graph.getObjectCount();
	}

	/** The objects in the dump. */
	int objectCount() {
		return this.objectCount;
	}

	/**
	 * The object of {@code id}, or {@code null} for the null reference and ids the dump
	 * does not hold.
	 */
	HeapObject objectOf(long id) {
		return (id != 0) ? this.graph.findObjectByIdOrNull(id) : null;
	}

	/**
	 * A number for each object of the dump, none shared, below {@code 2 * objectCount()}.
	 * Not Shark's object index alone: Shark 2.14 numbers a primitive array found by id
	 * from an offset that can overlap the object arrays' numbers (and differently from
	 * the same array met while iterating), so primitive arrays get a range of their own
	 * above all others and must be found by id.
	 */
	int keyOf(HeapObject object) {
		return (object instanceof HeapPrimitiveArray) ? this.objectCount + object.getObjectIndex()
				: object.getObjectIndex();
	}

	/**
	 * Calls {@code to} with every object id {@code object} refers to; only with its class
	 * for leakwatch's bookkeeping ({@link LeakwatchBookkeeping}), whose references never
	 * make anything reachable.
	 */
	void follow(HeapObject object, LongConsumer to) {
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
			HeapClass type = instance.getInstanceClass();
			offsets = LeakwatchBookkeeping.isBookkeeping(type.getName()) ? new int[0] : referenceOffsets(type);
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
	 * Where an instance of {@code type} holds references: the field values of an instance
	 * dump list the class's own fields first, then its superclass's, and so on. A phantom
	 * reference's referent is left out: nobody can get it.
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
	 * The bytes an object's record holds: field or element data, without the object
	 * header.
	 */
	static long byteSizeOf(HeapObject object) {
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
