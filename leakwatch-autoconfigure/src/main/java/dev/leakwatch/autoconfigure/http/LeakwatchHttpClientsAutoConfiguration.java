package dev.leakwatch.autoconfigure.http;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.autoconfigure.LeakwatchProperties;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskTracker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Tracks the requests of every {@code WebClient} and {@code RestClient} built from Boot's
 * builders, through a customizer that adds a filter or interceptor: the user's own
 * filters, observations and error handling stay. {@code leakwatch.http.enabled=false}
 * leaves every client untracked.
 */
@AutoConfiguration(after = LeakwatchAutoConfiguration.class)
@ConditionalOnBean(TaskTracker.class)
@ConditionalOnBooleanProperty(name = "leakwatch.http.enabled", matchIfMissing = true)
public final class LeakwatchHttpClientsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.web.reactive.function.client.WebClient",
			"org.springframework.boot.webclient.WebClientCustomizer" })
	static class WebClientTrackingConfiguration {

		@Bean
		WebClientCustomizer leakwatchWebClientCustomizer(TaskTracker tracker, LeakwatchProperties properties,
				Environment environment) {
			TrackingExchangeFilter filter = new TrackingExchangeFilter(tracker,
					new HttpSources(tracker, TaskKind.WEBCLIENT, properties.getHttp().getMaxSources(),
							properties.getHttp().getSourceIdleTime()),
					HttpNotes.stuck(environment, ".timeout(...) on the request"));
			return (builder) -> builder.filter(filter);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.web.client.RestClient",
			"org.springframework.boot.restclient.RestClientCustomizer" })
	static class RestClientTrackingConfiguration {

		@Bean
		RestClientCustomizer leakwatchRestClientCustomizer(TaskTracker tracker, LeakwatchProperties properties,
				Environment environment) {
			TrackingRestClientInterceptor interceptor = new TrackingRestClientInterceptor(tracker,
					new HttpSources(tracker, TaskKind.RESTCLIENT, properties.getHttp().getMaxSources(),
							properties.getHttp().getSourceIdleTime()),
					HttpNotes.stuck(environment, "a read timeout on the client's request factory"));
			return (builder) -> builder.requestInterceptor(interceptor);
		}

	}

}
