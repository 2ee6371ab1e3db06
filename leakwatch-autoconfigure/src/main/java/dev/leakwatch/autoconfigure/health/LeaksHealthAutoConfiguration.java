package dev.leakwatch.autoconfigure.health;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.autoconfigure.LeakwatchProperties;
import dev.leakwatch.core.detect.LeakDetector;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code leaks} health indicator, when Boot's health support is on the classpath. */
@AutoConfiguration(after = LeakwatchAutoConfiguration.class)
@ConditionalOnClass(
		name = "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator")
@ConditionalOnBean(LeakDetector.class)
public final class LeaksHealthAutoConfiguration {

	// Nested, so that its health condition is only loaded once health support is known to
	// be there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("leaks")
	static class LeaksHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "leaksHealthIndicator")
		LeaksHealthIndicator leaksHealthIndicator(LeakDetector detector, LeakwatchProperties properties) {
			return new LeaksHealthIndicator(detector, properties.getHealth().getDownOn());
		}

	}

}
