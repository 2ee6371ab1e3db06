package dev.leakwatch.core.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;

/**
 * Which suspects appeared and cleared between two samples. A suspect is the same one
 * while its kind, source, task and stack are: its count and age may change without
 * telling anyone again.
 */
final class SuspectChanges {

	private Map<Key, Suspect> previous = Map.of();

	/**
	 * Tells {@code listener} what changed since the last call; the sampler's alone to
	 * call.
	 */
	void update(List<Suspect> suspects, List<SuspectListener> listeners) {
		Map<Key, Suspect> current = new LinkedHashMap<>();
		suspects.forEach((suspect) -> current.put(Key.of(suspect), suspect));
		current.forEach((key, suspect) -> {
			if (!this.previous.containsKey(key)) {
				listeners.forEach((listener) -> listener.appeared(suspect));
			}
		});
		this.previous.forEach((key, suspect) -> {
			if (!current.containsKey(key)) {
				listeners.forEach((listener) -> listener.cleared(suspect));
			}
		});
		this.previous = current;
	}

	private record Key(SuspectKind kind, String source, String task, List<String> stack) {

		static Key of(Suspect suspect) {
			return new Key(suspect.kind(), suspect.source(), suspect.task(),
					Objects.requireNonNullElse(suspect.stack(), List.of()));
		}

	}

}
