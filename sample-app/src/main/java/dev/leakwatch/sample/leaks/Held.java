package dev.leakwatch.sample.leaks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a leak keeps so that reset can undo it, which the code it imitates would not keep:
 * added as leaked, released all at once.
 */
final class Held<T> {

	private final List<T> items = new CopyOnWriteArrayList<>();

	void add(T item) {
		this.items.add(item);
	}

	int size() {
		return this.items.size();
	}

	int count(Predicate<? super T> condition) {
		return (int) this.items.stream().filter(condition).count();
	}

	/**
	 * Applies {@code release} to everything held now, forgets it, and returns how many
	 * there were.
	 */
	int release(Consumer<? super T> release) {
		List<T> released = List.copyOf(this.items);
		released.forEach(release);
		this.items.removeAll(released);
		return released.size();
	}

}
