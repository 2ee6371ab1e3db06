package dev.leakwatch.autoconfigure.health;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.Sample;
import dev.leakwatch.core.report.SuspectKind;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code DOWN} on a deadlock, or on suspects of the kinds in
 * {@code leakwatch.health.down-on}; details give counts as of the last sample, never
 * stacks.
 */
public class LeaksHealthIndicator extends AbstractHealthIndicator {

	private final LeakDetector detector;

	private final Set<SuspectKind> downOn;

	public LeaksHealthIndicator(LeakDetector detector, Set<SuspectKind> downOn) {
		super("leakwatch health check failed");
		this.detector = detector;
		this.downOn = EnumSet.of(SuspectKind.DEADLOCK);
		this.downOn.addAll(downOn);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Sample sample = this.detector.latest();
		Map<String, Integer> suspects = new LinkedHashMap<>();
		boolean down = false;
		for (Map.Entry<SuspectKind, Integer> count : sample.suspectCounts().entrySet()) {
			if (count.getValue() > 0) {
				suspects.put(count.getKey().name(), count.getValue());
				down |= this.downOn.contains(count.getKey());
			}
		}
		(down ? builder.down() : builder.up()).withDetail("suspects", suspects)
			.withDetail("deadlockedThreads", sample.deadlockedThreads());
	}

}
