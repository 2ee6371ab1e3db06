package dev.leakwatch.test;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit configuration parameters ({@code junit-platform.properties}, Surefire's
 * {@code configurationParameters}, system properties) that set the check of tests without
 * {@link VerifyNoLeakedThreads}, which {@link NoLeakedThreadsExtension} checks when it is
 * registered for every test through JUnit's extension autodetection. Read once per
 * extension: JUnit's configuration does not change during a run.
 */
final class SuiteSettings {

	/**
	 * {@code all} (the default) checks every test; {@code annotated} only those with the
	 * annotation.
	 */
	static final String CHECK = "leakwatch.test.check";

	/** {@code per_method} (the default) or {@code per_class}, as {@link CheckMode}. */
	static final String MODE = "leakwatch.test.mode";

	/**
	 * {@code report} (the default), {@code fail} or {@code ignore}, as
	 * {@link StaticInitializerThreads}: what becomes of threads started by a static
	 * initializer in tests without the annotation.
	 */
	static final String STATIC_INITIALIZER_THREADS = "leakwatch.test.static-initializer-threads";

	/** {@link VerifyNoLeakedThreads#settleMillis()} for tests without the annotation. */
	static final String SETTLE_MILLIS = "leakwatch.test.settle-millis";

	/** {@link VerifyNoLeakedThreads#maxWaitMillis()} for tests without the annotation. */
	static final String MAX_WAIT_MILLIS = "leakwatch.test.max-wait-millis";

	private SuiteSettings() {
	}

	/**
	 * The options of tests without the annotation, empty when only annotated tests are
	 * checked.
	 */
	static Optional<LeakCheckOptions> read(ExtensionContext context) {
		String check = parameter(context, CHECK).orElse("all");
		if (check.equals("annotated")) {
			return Optional.empty();
		}
		if (!check.equals("all")) {
			throw invalid(CHECK, check, "all or annotated");
		}
		NoLeakedThreadsExtension.Builder builder = NoLeakedThreadsExtension.builder();
		parameter(context, MODE).map(SuiteSettings::mode).ifPresent(builder::mode);
		parameter(context, STATIC_INITIALIZER_THREADS).map(SuiteSettings::staticInitializerThreads)
			.ifPresent(builder::staticInitializerThreads);
		parameter(context, SETTLE_MILLIS).map((value) -> millis(SETTLE_MILLIS, value)).ifPresent(builder::settle);
		parameter(context, MAX_WAIT_MILLIS).map((value) -> millis(MAX_WAIT_MILLIS, value)).ifPresent(builder::maxWait);
		return Optional.of(builder.options());
	}

	private static Optional<String> parameter(ExtensionContext context, String key) {
		return context.getConfigurationParameter(key).map(String::trim).filter((value) -> !value.isEmpty());
	}

	private static CheckMode mode(String value) {
		return constant(CheckMode.class, MODE, value, "per_method or per_class");
	}

	private static StaticInitializerThreads staticInitializerThreads(String value) {
		return constant(StaticInitializerThreads.class, STATIC_INITIALIZER_THREADS, value, "report, fail or ignore");
	}

	private static <E extends Enum<E>> E constant(Class<E> type, String key, String value, String expected) {
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(key, value, expected);
		}
	}

	private static Duration millis(String key, String value) {
		try {
			long millis = Long.parseLong(value);
			if (millis >= 0) {
				return Duration.ofMillis(millis);
			}
		}
		catch (NumberFormatException ex) {
			// reported below, with the key
		}
		throw invalid(key, value, "a number of milliseconds, 0 or more");
	}

	private static ExtensionConfigurationException invalid(String key, String value, String expected) {
		return new ExtensionConfigurationException(
				"Configuration parameter " + key + " is '" + value + "', expected " + expected);
	}

}
