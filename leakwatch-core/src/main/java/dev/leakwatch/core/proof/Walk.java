package dev.leakwatch.core.proof;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.function.LongConsumer;

import shark.HeapObject;
import shark.HeapObject.HeapPrimitiveArray;

/** A depth-first walk of a dump's references that sees each object once. */
final class Walk {

	/** The objects seen, by {@link References#keyOf(HeapObject)}. */
	final BitSet seen;

	/** Objects seen but not followed: the thread objects of waiting candidates. */
	final BitSet opaque = new BitSet();

	private final References references;

	/** Objects this walk neither sees nor follows, or {@code null}. */
	private final BitSet outside;

	private final ArrayDeque<HeapObject> work = new ArrayDeque<>();

	private final LongConsumer pushId = this::push;

	/**
	 * @param outside objects this walk neither sees nor follows, or {@code null}
	 */
	Walk(References references, BitSet outside) {
		this.references = references;
		this.outside = outside;
		this.seen = new BitSet(2 * references.objectCount());
	}

	void push(long id) {
		HeapObject object = this.references.objectOf(id);
		if (object != null) {
			push(object);
		}
	}

	void push(HeapObject object) {
		int key = this.references.keyOf(object);
		if (!this.seen.get(key) && (this.outside == null || !this.outside.get(key))) {
			this.seen.set(key);
			if (!(object instanceof HeapPrimitiveArray)) {
				this.work.push(object);
			}
		}
	}

	/**
	 * Sees {@code object} and follows its references, even if it was seen or is outside
	 * before.
	 */
	void pushAndFollow(HeapObject object) {
		int key = this.references.keyOf(object);
		if (this.outside == null || !this.outside.get(key)) {
			this.seen.set(key);
		}
		this.work.push(object);
	}

	/** Whether any of {@code objects} was seen. */
	boolean anySeen(Iterable<HeapObject> objects) {
		for (HeapObject object : objects) {
			if (this.seen.get(this.references.keyOf(object))) {
				return true;
			}
		}
		return false;
	}

	void drain() {
		while (!this.work.isEmpty()) {
			HeapObject object = this.work.pop();
			if (!this.opaque.get(this.references.keyOf(object))) {
				this.references.follow(object, this.pushId);
			}
		}
	}

}
