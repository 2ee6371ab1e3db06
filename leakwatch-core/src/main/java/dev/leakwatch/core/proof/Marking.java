package dev.leakwatch.core.proof;

import java.util.Collection;
import java.util.Iterator;

import shark.CloseableHeapGraph;
import shark.HeapObject;
import shark.HeapObject.HeapPrimitiveArray;

/**
 * Marks what the live threads of a dump can reach, the way {@link SharkHeapAnalyser}
 * describes: from every GC root but the candidates' own, waking each candidate whose
 * blocker gets marked, until nothing changes.
 */
final class Marking {

	private final CloseableHeapGraph graph;

	private final References references;

	/** Marks what live threads can reach. */
	private final Walk marking;

	private long leakedBytes;

	private int leakedObjects;

	Marking(CloseableHeapGraph graph, References references) {
		this.graph = graph;
		this.references = references;
		this.marking = new Walk(references, null);
	}

	/**
	 * Marks from {@code roots} and wakes candidates until nothing changes; the candidates
	 * left unwoken are proven leaked.
	 * @param roots the ids of every GC root that is not a candidate's own (its frames and
	 * its thread object)
	 */
	void mark(Collection<DumpThread> threads, long[] roots) {
		for (DumpThread thread : threads) {
			if (thread.candidate) {
				this.marking.opaque.set(this.references.keyOf(thread.object));
			}
		}
		for (long root : roots) {
			this.marking.push(root);
		}
		do {
			markUntilNoneWakes(threads);
		}
		while (markUnseenHolders(threads));
	}

	/** The bytes held by the leaked threads alone, as the last marking counted them. */
	long leakedBytes() {
		return this.leakedBytes;
	}

	/** The objects held by the leaked threads alone. */
	int leakedObjects() {
		return this.leakedObjects;
	}

	private void markUntilNoneWakes(Collection<DumpThread> threads) {
		boolean woke = true;
		while (woke) {
			this.marking.drain();
			woke = false;
			for (DumpThread thread : threads) {
				if (thread.candidate && !thread.woken && this.marking.anySeen(thread.blockers)) {
					thread.woken = true;
					woke = true;
					this.marking.opaque.clear(this.references.keyOf(thread.object));
					this.marking.pushAndFollow(thread.object);
					thread.frames.forEach(this.marking::push);
				}
			}
		}
	}

	/**
	 * Marks what is held through references a heap dump leaves out (the fields of
	 * {@code java.lang.Class} objects: reflection data, class values, a hidden class's
	 * data; on some JDKs the stacks of unmounted virtual threads). Every object of a live
	 * dump is reachable, so an object that neither the marking nor the waiting candidates
	 * reach is held through one of those, by something that may be live: it is marked.
	 * What the candidates alone reach is what the leak costs, counted on the way.
	 * @return whether anything was marked
	 */
	private boolean markUnseenHolders(Collection<DumpThread> threads) {
		Walk candidates = new Walk(this.references, this.marking.seen);
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
			int key = this.references.keyOf(object);
			if (this.marking.seen.get(key)) {
				continue;
			}
			if (candidates.seen.get(key)) {
				this.leakedObjects++;
				this.leakedBytes += References.byteSizeOf(object);
			}
			else {
				this.marking.push(object);
				marked = true;
			}
		}
		return marked;
	}

}
