package dev.leakwatch.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Values that cannot work fail start-up, and the failure names the property. */
class LeakwatchPropertiesValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeakwatchAutoConfiguration.class));

	@ParameterizedTest
	@CsvSource({ "leakwatch.sample-interval, 0s, PT0S", "leakwatch.sample-interval, -5s, PT-5S",
			"leakwatch.stuck-threshold, 0ms, PT0S", "leakwatch.stuck-threshold, -1m, PT-1M",
			"leakwatch.stack-depth, -1, -1", "leakwatch.stack-depth, 0, 0", "leakwatch.threads.max-families, 0, 0",
			"leakwatch.growth-window, 0s, PT0S", "leakwatch.thread-growth.min-increase, 0, 0",
			"leakwatch.periodic-growth.min-increase, -3, -3", "leakwatch.http.max-sources, 0, 0",
			"leakwatch.http.source-idle-time, 0s, PT0S", "leakwatch.proof.timeout, 0s, PT0S",
			"leakwatch.proof.directory, /no/such/dir, /no/such/dir" })
	void failsStartUpNamingTheProperty(String property, String value, String shown) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(property + " must be").contains("was " + shown);
		});
	}

	@ParameterizedTest
	@CsvSource({ "leakwatch.sample-interval, 250ms", "leakwatch.stuck-threshold, 2m", "leakwatch.stack-depth, 1" })
	void acceptsValuesThatWork(String property, String value) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> assertThat(context).hasNotFailed());
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
