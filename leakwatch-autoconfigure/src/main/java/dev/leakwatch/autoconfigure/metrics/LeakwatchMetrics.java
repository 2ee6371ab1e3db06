package dev.leakwatch.autoconfigure.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.LeakSampler;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.search.Search;

/**
 * leakwatch's meters. Task meters are tagged with {@code source} (the bean name) and
 * {@code kind}, and are registered as sources appear; live counts are read from the
 * tracker, what needs a stack (stuck tasks, suspects, deadlocks, thread families) from
 * the last background sample. Thread counts by state are left to Micrometer's
 * {@code jvm.threads.*}.
 * <p>
 * Every {@code kind} tag value is lower case, as Micrometer's binders tag: a task kind
 * ({@code executor}) or a suspect kind ({@code stuck_task}, the report's
 * {@code STUCK_TASK}). A base unit is set where it is the last word of the name already,
 * so that no Prometheus name changes; the other names say what they count, and ages are
 * in seconds.
 */
public class LeakwatchMetrics implements MeterBinder {

	private final TaskTracker tracker;

	private final LeakDetector detector;

	private final LeakSampler sampler;

	public LeakwatchMetrics(TaskTracker tracker, LeakDetector detector, LeakSampler sampler) {
		this.tracker = tracker;
		this.detector = detector;
		this.sampler = sampler;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.tracker.onSource((source) -> bindSource(source, registry));
		this.tracker.onSourceRetired((source) -> unbindSource(source, registry));
		for (SuspectKind kind : SuspectKind.values()) {
			Gauge.builder("leakwatch.suspects", this.detector, (detector) -> detector.latest().suspectCount(kind))
				.description("Leak suspects found by the last sample (tasks or threads)")
				.tag("kind", kind.name().toLowerCase(Locale.ROOT))
				.baseUnit("suspects")
				.register(registry);
		}
		Gauge
			.builder("leakwatch.threads.deadlocked", this.detector, (detector) -> detector.latest().deadlockedThreads())
			.description("Threads in a monitor or ownable-synchronizer deadlock")
			.register(registry);
		MultiGauge families = MultiGauge.builder("leakwatch.threads")
			.description("Live platform threads by name family (digits folded), the largest families and 'other'")
			.baseUnit(BaseUnits.THREADS)
			.register(registry);
		this.sampler.addListener((sample) -> families.register(sample.families()
			.stream()
			.map((family) -> MultiGauge.Row.of(Tags.of("family", family.family()), family.count()))
			.toList(), true));
	}

	private void bindSource(TaskSource source, MeterRegistry registry) {
		Tags tags = Tags.of("source", source.name(), "kind", source.kind().tag());
		Gauge.builder("leakwatch.tasks.active", source, TaskSource::active)
			.description("Tracked tasks running")
			.tags(tags)
			.register(registry);
		Gauge.builder("leakwatch.tasks.queued", source, TaskSource::queued)
			.description("Tracked tasks submitted and not yet started")
			.tags(tags)
			.register(registry);
		Gauge.builder("leakwatch.tasks.stuck", source, (s) -> stats(s).stuck())
			.description("Running tasks blocked past the stuck threshold, as of the last sample")
			.tags(tags)
			.register(registry);
		TimeGauge.builder("leakwatch.tasks.oldest", source, TimeUnit.SECONDS, (s) -> stats(s).oldestAgeSeconds())
			.description("Age of the oldest running task, as of the last sample")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("leakwatch.tasks.completed", source, TaskSource::completed)
			.description("Tracked task runs that ended, normally or by throwing")
			.tags(tags)
			.register(registry);
		switch (source.kind()) {
			case SCHEDULER, SCHEDULED -> bindScheduling(source, tags, registry);
			case WEBCLIENT,
					RESTCLIENT ->
				Gauge.builder("leakwatch.http.unconsumed", source, this.tracker::unconsumed)
					.description("Responses received whose body was neither consumed, released nor cancelled")
					.tags(tags)
					.register(registry);
			default -> {
			}
		}
	}

	/**
	 * Removes the meters of a retired source, so that sources that come and go leave no
	 * series behind.
	 */
	private void unbindSource(TaskSource source, MeterRegistry registry) {
		for (Meter meter : Search.in(registry).tags("source", source.name(), "kind", source.kind().tag()).meters()) {
			if (meter.getId().getName().startsWith("leakwatch.")) {
				registry.remove(meter);
			}
		}
	}

	private void bindScheduling(TaskSource source, Tags tags, MeterRegistry registry) {
		Gauge.builder("leakwatch.tasks.periodic", source, (s) -> stats(s).periodic())
			.description("Live periodic tasks (scheduled, not cancelled), as of the last sample")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("leakwatch.scheduled.overruns", source, TaskSource::overruns)
			.description("Scheduled runs that took longer than their period")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("leakwatch.scheduled.missed", source, TaskSource::missed)
			.description("Scheduled runs that were due but could not start: every scheduler thread was busy")
			.tags(tags)
			.register(registry);
	}

	private SourceStats stats(TaskSource source) {
		SourceStats stats = this.detector.latest().stats(source);
		return (stats != null) ? stats : new SourceStats(source.name(), source.kind().tag(), 0, 0, 0, 0, 0, 0);
	}

}
