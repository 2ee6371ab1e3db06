package dev.leakwatch.test;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.thread.ThreadFamilies;
import dev.leakwatch.core.thread.ThreadStack;
import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * What made a test leak, in the few words the end-of-run summary groups tests by: the
 * leaked threads' name family, the innermost application frame they run and where they
 * were started (two call sites that start threads of one name are two causes). Travels
 * from the extension to {@link LeakSummaryListener} as a JUnit report entry, the channel
 * JUnit has for that, so no state is shared between the two; threads started by a static
 * initializer travel under a key of their own, to be summed up apart.
 */
final class LeakCauses {

	/** The report-entry key naming the leaking test (or class, checked per class). */
	static final String TEST_KEY = "leakwatch.leaked";

	/**
	 * The report-entry key naming the test during which a static initializer started
	 * threads.
	 */
	static final String STATIC_INITIALIZER_TEST_KEY = "leakwatch.static-initializer";

	/** The prefix of the report-entry keys naming its causes, one each. */
	static final String CAUSE_KEY_PREFIX = "leakwatch.cause.";

	private LeakCauses() {
	}

	static void publish(ExtensionContext context, String test, FoundThreads threads) {
		publish(context, TEST_KEY, test, threads.leaked());
		publish(context, STATIC_INITIALIZER_TEST_KEY, test, threads.fromStaticInitializers());
	}

	/**
	 * Publishes the causes of {@code threads} under {@code testKey}, naming {@code test};
	 * nothing for none.
	 */
	static void publish(ExtensionContext context, String testKey, String test, List<NewThread> threads) {
		if (threads.isEmpty()) {
			return;
		}
		Set<String> causes = new LinkedHashSet<>();
		for (NewThread thread : threads) {
			causes.add(causeOf(thread));
		}
		Map<String, String> entry = new LinkedHashMap<>();
		entry.put(testKey, test);
		int index = 1;
		for (String cause : causes) {
			entry.put(CAUSE_KEY_PREFIX + index++, cause);
		}
		context.publishReportEntry(entry);
	}

	static String causeOf(NewThread thread) {
		ThreadStack stack = thread.stack();
		String family = ThreadFamilies.familyOf(stack.name().isEmpty() ? "<unnamed>" : stack.name());
		String code = ApplicationCode.innermost(stack.frames());
		CreationSite site = CreatedBy.siteOf(stack.id());
		return (thread.virtual() ? "virtual " : "") + family + ((code != null) ? " in " + code : "")
				+ ((site.kind() == CreationSite.Kind.RECORDED) ? " created by " + site : "");
	}

}
