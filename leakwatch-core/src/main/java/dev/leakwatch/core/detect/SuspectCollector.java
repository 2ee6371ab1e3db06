package dev.leakwatch.core.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;

/**
 * Folds suspects of the same kind, source and stack into one entry with a count, most
 * first.
 */
final class SuspectCollector {

	private final Map<Key, Suspect> suspects = new LinkedHashMap<>();

	/**
	 * Adds {@code suspect}, folded with one of the same kind, source, stack and creation
	 * site.
	 */
	void add(Suspect suspect) {
		this.suspects.merge(new Key(suspect.kind(), suspect.source(), suspect.stack(), suspect.createdBy()), suspect,
				SuspectCollector::fold);
	}

	private static Suspect fold(Suspect held, Suspect added) {
		Suspect older = (added.oldestAgeSeconds() > held.oldestAgeSeconds()) ? added : held;
		List<String> threads = new ArrayList<>(held.threads());
		threads.addAll(added.threads());
		return new Suspect(held.kind(), held.source(), older.task(), held.count() + added.count(),
				older.oldestAgeSeconds(), held.state(), List.copyOf(threads), held.stack(), older.submittedFrom(),
				older.note(), held.proof(), held.createdBy());
	}

	List<Suspect> suspects() {
		List<Suspect> result = new ArrayList<>(this.suspects.values());
		result.sort(Comparator.comparingInt(Suspect::count).reversed());
		return List.copyOf(result);
	}

	private record Key(SuspectKind kind, String source, List<String> stack, List<String> createdBy) {
	}

}
