package dev.leakwatch.autoconfigure.endpoint;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.autoconfigure.LeakwatchProperties;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.proof.HeapProof;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code leaks} endpoint, when the actuator is on the classpath. Exposure and access
 * follow Boot's rules: {@code management.endpoints.web.exposure.include=leaks} puts it on
 * HTTP.
 */
@AutoConfiguration(after = LeakwatchAutoConfiguration.class)
@ConditionalOnClass(
		name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
@ConditionalOnBean(LeakDetector.class)
public final class LeaksEndpointAutoConfiguration {

	// Nested, so that its actuator condition is only loaded once the actuator is known to
	// be there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(LeaksEndpoint.class)
	static class LeaksEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LeaksEndpoint leaksEndpoint(LeakDetector detector, ObjectProvider<HeapProof> heapProof,
				LeakwatchProperties properties) {
			return new LeaksEndpoint(detector, heapProof.getIfAvailable(), properties.getProof().isEnabled());
		}

	}

}
