package dev.leakwatch.autoconfigure.metrics;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.LeakSampler;
import dev.leakwatch.core.task.TaskTracker;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * leakwatch's meters, when Micrometer is on the classpath; Boot binds them to every
 * registry.
 */
@AutoConfiguration(after = LeakwatchAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean({ TaskTracker.class, LeakDetector.class, LeakSampler.class })
public final class LeakwatchMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeakwatchMetrics leakwatchMetrics(TaskTracker tracker, LeakDetector detector, LeakSampler sampler) {
		return new LeakwatchMetrics(tracker, detector, sampler);
	}

}
