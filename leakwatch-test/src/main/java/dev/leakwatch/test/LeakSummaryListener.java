package dev.leakwatch.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of the run, the tests that leaked threads grouped by cause (the
 * threads' family, the application code they run and where they were started), so that a
 * suite with a hundred leaks reads as a handful of causes; then, apart, the tests during
 * which a static initializer started threads, which are one per JVM and no test's leak.
 * Registered through {@code META-INF/services}, so every JUnit Platform launcher (Maven
 * Surefire, Gradle, IDEs) runs it; silent when there is neither. Set the configuration
 * parameter {@value #SUMMARY_FILE} to a path to also write the summary there (Gradle
 * shows a test JVM's output only with {@code testLogging.showStandardStreams}).
 */
public final class LeakSummaryListener implements TestExecutionListener {

	/**
	 * The configuration parameter naming a file to write the summary to, as well as
	 * printing it.
	 */
	public static final String SUMMARY_FILE = "leakwatch.test.summary-file";

	static final int MAX_TESTS_SHOWN = 5;

	private static final String NL = System.lineSeparator();

	private final TestsByCause leaks = new TestsByCause();

	private final TestsByCause staticInitializers = new TestsByCause();

	private Optional<Path> summaryFile = Optional.empty();

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		this.summaryFile = testPlan.getConfigurationParameters().get(SUMMARY_FILE).map(Path::of);
	}

	@Override
	public synchronized void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
		Map<String, String> values = entry.getKeyValuePairs();
		String leaking = values.get(LeakCauses.TEST_KEY);
		if (leaking != null) {
			this.leaks.add(leaking, values);
		}
		String touching = values.get(LeakCauses.STATIC_INITIALIZER_TEST_KEY);
		if (touching != null) {
			this.staticInitializers.add(touching, values);
		}
	}

	@Override
	public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
		if (this.leaks.isEmpty() && this.staticInitializers.isEmpty()) {
			return;
		}
		String summary = summary();
		System.out.print(summary);
		this.summaryFile.ifPresent((file) -> write(file, summary));
		this.leaks.clear();
		this.staticInitializers.clear();
	}

	String summary() {
		StringBuilder text = new StringBuilder(1024);
		appendPart(text, this.leaks, " left threads running", ":");
		appendPart(text, this.staticInitializers, " started threads by a static initializer",
				": one per JVM, not a test's leak, so not failed" + NL
						+ "  (leakwatch.test.static-initializer-threads=fail fails on them, =ignore leaves them out)");
		return text.toString();
	}

	/**
	 * One part of the summary: its headline ({@code what}, then {@code after} the causes'
	 * count) and causes.
	 */
	private static void appendPart(StringBuilder text, TestsByCause part, String what, String after) {
		if (part.isEmpty()) {
			return;
		}
		text.append(NL)
			.append("leakwatch: ")
			.append(count(part.tests.size(), "test"))
			.append(what)
			.append(", from ")
			.append(count(part.byCause.size(), "cause"))
			.append(after)
			.append(NL);
		part.appendTo(text);
	}

	private static String count(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	private static void write(Path file, String summary) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, summary, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the leakwatch summary to " + file, ex);
		}
	}

	/**
	 * Tests and their causes, as report entries name them; the causes with most tests
	 * come first.
	 */
	private static final class TestsByCause {

		private final Map<String, Set<String>> byCause = new LinkedHashMap<>();

		private final Set<String> tests = new LinkedHashSet<>();

		void add(String test, Map<String, String> entry) {
			this.tests.add(test);
			entry.forEach((key, cause) -> {
				if (key.startsWith(LeakCauses.CAUSE_KEY_PREFIX)) {
					this.byCause.computeIfAbsent(cause, (ignored) -> new LinkedHashSet<>()).add(test);
				}
			});
		}

		boolean isEmpty() {
			return this.tests.isEmpty();
		}

		void clear() {
			this.tests.clear();
			this.byCause.clear();
		}

		void appendTo(StringBuilder text) {
			List<Map.Entry<String, Set<String>>> causes = new ArrayList<>(this.byCause.entrySet());
			causes.sort(Comparator.comparingInt((Map.Entry<String, Set<String>> cause) -> cause.getValue().size())
				.reversed());
			for (Map.Entry<String, Set<String>> cause : causes) {
				List<String> causeTests = List.copyOf(cause.getValue());
				text.append("  ")
					.append(count(causeTests.size(), "test"))
					.append(": ")
					.append(cause.getKey())
					.append(NL)
					.append("      ")
					.append(String.join(", ", causeTests.subList(0, Math.min(MAX_TESTS_SHOWN, causeTests.size()))));
				if (causeTests.size() > MAX_TESTS_SHOWN) {
					text.append(", ... ").append(causeTests.size() - MAX_TESTS_SHOWN).append(" more");
				}
				text.append(NL);
			}
		}

	}

}
