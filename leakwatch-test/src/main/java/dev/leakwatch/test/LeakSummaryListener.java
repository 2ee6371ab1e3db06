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
 * Prints, at the end of the run, the tests that leaked threads grouped by cause (the threads' family, the
 * application code they run and where they were started), so that a suite with a hundred leaks reads as a handful
 * of causes. Registered
 * through {@code META-INF/services}, so every JUnit Platform launcher (Maven Surefire, Gradle, IDEs) runs it;
 * silent when nothing leaked. Set the configuration parameter {@value #SUMMARY_FILE} to a path to also write the
 * summary there (Gradle shows a test JVM's output only with {@code testLogging.showStandardStreams}).
 */
public final class LeakSummaryListener implements TestExecutionListener {

	/** The configuration parameter naming a file to write the summary to, as well as printing it. */
	public static final String SUMMARY_FILE = "leakwatch.test.summary-file";

	static final int MAX_TESTS_SHOWN = 5;

	private static final String NL = System.lineSeparator();

	private final Map<String, Set<String>> testsByCause = new LinkedHashMap<>();

	private final Set<String> leakingTests = new LinkedHashSet<>();

	private Optional<Path> summaryFile = Optional.empty();

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		this.summaryFile = testPlan.getConfigurationParameters().get(SUMMARY_FILE).map(Path::of);
	}

	@Override
	public synchronized void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
		Map<String, String> values = entry.getKeyValuePairs();
		String test = values.get(LeakCauses.TEST_KEY);
		if (test == null) {
			return;
		}
		this.leakingTests.add(test);
		values.forEach((key, cause) -> {
			if (key.startsWith(LeakCauses.CAUSE_KEY_PREFIX)) {
				this.testsByCause.computeIfAbsent(cause, (ignored) -> new LinkedHashSet<>()).add(test);
			}
		});
	}

	@Override
	public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
		if (this.leakingTests.isEmpty()) {
			return;
		}
		String summary = summary();
		System.out.print(summary);
		this.summaryFile.ifPresent((file) -> write(file, summary));
		this.leakingTests.clear();
		this.testsByCause.clear();
	}

	String summary() {
		List<Map.Entry<String, Set<String>>> causes = new ArrayList<>(this.testsByCause.entrySet());
		causes.sort(Comparator.comparingInt((Map.Entry<String, Set<String>> cause) -> cause.getValue().size())
			.reversed());
		StringBuilder text = new StringBuilder(1024);
		text.append(NL).append("leakwatch: ").append(count(this.leakingTests.size(), "test"))
			.append(" left threads running, from ").append(count(causes.size(), "cause")).append(':').append(NL);
		for (Map.Entry<String, Set<String>> cause : causes) {
			List<String> tests = List.copyOf(cause.getValue());
			text.append("  ").append(count(tests.size(), "test")).append(": ").append(cause.getKey()).append(NL)
				.append("      ").append(String.join(", ", tests.subList(0, Math.min(MAX_TESTS_SHOWN, tests.size()))));
			if (tests.size() > MAX_TESTS_SHOWN) {
				text.append(", ... ").append(tests.size() - MAX_TESTS_SHOWN).append(" more");
			}
			text.append(NL);
		}
		return text.toString();
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

}
