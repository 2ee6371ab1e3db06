package dev.leakwatch.core.detect;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.thread.FamilyCount;
import dev.leakwatch.core.task.TaskSource;

/**
 * What the last background sample found; meters read it between samples.
 *
 * @param sources per source: stuck tasks and oldest age
 * @param suspects the suspects found
 * @param deadlockedThreads threads in deadlocks
 * @param families live threads by family
 */
public record Sample(Map<TaskSource, SourceStats> sources, List<Suspect> suspects, int deadlockedThreads,
		List<FamilyCount> families) {

	public static final Sample EMPTY = new Sample(Map.of(), List.of(), 0, List.of());

	/** Suspected tasks or threads of {@code kind} (the sum of the suspects' counts). */
	public int suspectCount(SuspectKind kind) {
		int count = 0;
		for (Suspect suspect : this.suspects) {
			if (suspect.kind() == kind) {
				count += suspect.count();
			}
		}
		return count;
	}

	public Map<SuspectKind, Integer> suspectCounts() {
		Map<SuspectKind, Integer> counts = new EnumMap<>(SuspectKind.class);
		for (SuspectKind kind : SuspectKind.values()) {
			counts.put(kind, suspectCount(kind));
		}
		return counts;
	}

	public SourceStats stats(TaskSource source) {
		return this.sources.get(source);
	}

}
