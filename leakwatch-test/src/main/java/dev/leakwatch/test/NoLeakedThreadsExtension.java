package dev.leakwatch.test;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * The JUnit Jupiter extension behind {@link VerifyNoLeakedThreads}: fails a test that
 * leaves threads running. Check every test of a suite with one line in
 * {@code src/test/resources/junit-platform.properties},
 * {@code junit.jupiter.extensions.autodetection.enabled=true}: JUnit then registers this
 * extension for every test, and tests without the annotation get the options of the
 * {@code leakwatch.test.*} configuration parameters (the defaults unless set). Declare it
 * with the annotation, or register one with options in code:
 *
 * <pre>{@code
 * &#64;RegisterExtension
 * static final NoLeakedThreadsExtension noLeaks = NoLeakedThreadsExtension.builder()
 *     .ignoreThreadNames("grpc-default-worker-.*")
 *     .ignoreFrames("com.example.Metrics.flushLoop")
 *     .maxWait(Duration.ofMillis(500))
 *     .build();
 * }</pre>
 *
 * A {@link CheckMode#PER_CLASS} extension must be registered in a {@code static} field,
 * as JUnit registers instance fields after {@code @BeforeAll}. Needs no Spring; works
 * with the JUnit Platform on JDK 17+. Virtual threads are checked on JDK 21+, through the
 * JDK's thread dump. Not meant for tests that run in parallel in one JVM: the check sees
 * every thread of the JVM, whichever test started it.
 */
public final class NoLeakedThreadsExtension implements BeforeAllCallback, TestInstancePreConstructCallback,
		BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	/**
	 * How long threads started by a test get by default once all of them are in an
	 * untimed wait (which they cannot leave by themselves), in milliseconds.
	 */
	public static final long DEFAULT_SETTLE_MILLIS = 1000;

	/**
	 * How long threads started by a test get to end by default while one of them is
	 * running, blocked on a monitor or in a timed wait, in milliseconds.
	 */
	public static final long DEFAULT_MAX_WAIT_MILLIS = 10_000;

	/**
	 * Where an extension registered in code says that it checks this class or method
	 * instead of the default.
	 */
	private static final Namespace OWN_CHECK = Namespace.create(NoLeakedThreadsExtension.class);

	private static final String CLASS_CHECK = "class check";

	private static final String METHOD_CHECK = "method check";

	private static final String DEFERRED = "deferred leaks";

	/**
	 * The options given in code, or {@code null} for those of annotations and
	 * configuration parameters.
	 */
	private final LeakCheckOptions options;

	/**
	 * The options of tests without the annotation, read on first use; empty when those
	 * are not checked.
	 */
	private volatile Optional<LeakCheckOptions> suiteOptions;

	private final Map<VerifyNoLeakedThreads, LeakCheckOptions> annotationOptions = new ConcurrentHashMap<>();

	/**
	 * The extension as {@link VerifyNoLeakedThreads} and autodetection declare it,
	 * reading its options from the annotation, or for tests without one from the
	 * {@code leakwatch.test.*} configuration parameters.
	 */
	public NoLeakedThreadsExtension() {
		this.options = null;
	}

	private NoLeakedThreadsExtension(LeakCheckOptions options) {
		this.options = options;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		claim(context);
		store(context).put(DEFERRED, new DeferredLeaks());
		LeakCheckOptions classOptions = classOptions(context);
		if (classOptions != null && classOptions.mode() == CheckMode.PER_CLASS) {
			store(context).put(CLASS_CHECK, new Check(Baseline.take(), classOptions));
		}
	}

	@Override
	public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
		Check classCheck = store(context).get(CLASS_CHECK, Check.class);
		if (classCheck != null) {
			classCheck.baseline().fixtureSetupStarting();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		claim(context);
		Check classCheck = store(context).get(CLASS_CHECK, Check.class);
		if (classCheck != null) {
			classCheck.baseline().fixtureSetupDone();
		}
		else if (this.options != null && this.options.mode() == CheckMode.PER_CLASS) {
			throw new ExtensionConfigurationException("A PER_CLASS NoLeakedThreadsExtension must be registered in a "
					+ "static field: JUnit registers instance fields after @BeforeAll, so the class was never seen");
		}
		LeakCheckOptions methodOptions = methodOptions(context);
		if (methodOptions != null) {
			store(context).put(METHOD_CHECK, new Check(Baseline.take(), methodOptions));
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws InterruptedException {
		Check check = store(context).remove(METHOD_CHECK, Check.class);
		if (check != null && !yields(context)) {
			verifyMethod(check, describeMethod(context), context);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		List<String> failures = new ArrayList<>();
		DeferredLeaks deferred = store(context).remove(DEFERRED, DeferredLeaks.class);
		if (deferred != null) {
			for (DeferredLeaks.Confirmed test : deferred.confirmed()) {
				LeakCauses.publish(context, test.test(), test.threads());
				if (!test.threads().leaked().isEmpty()) {
					failures.add(LeakMessage.format("during " + test.test(), test.maxWait(), test.threads()));
				}
			}
		}
		Check check = store(context).remove(CLASS_CHECK, Check.class);
		if (check != null && !yields(context)) {
			String where = describeClass(context.getRequiredTestClass()) + " (checked per class)";
			LeakCheck.Outcome outcome = LeakCheck.leakedThreads(check.baseline(), check.options());
			LeakCauses.publish(context, where, outcome.threads());
			if (!outcome.isClean()) {
				failures.add(LeakMessage.format("during " + where, outcome.waited(), outcome.threads()));
			}
		}
		if (!failures.isEmpty()) {
			throw new AssertionError(String.join(System.lineSeparator() + System.lineSeparator(), failures));
		}
	}

	/**
	 * Fails the test with the grouped leaked threads if all of them are stuck in an
	 * untimed wait, or once {@code maxWait} is up; where the class is checked too (this
	 * extension saw it start), threads that may still end are left to the end of the
	 * class instead, after a look of {@link LeakCheck#QUIET} at most, so later tests need
	 * not wait for them. Tells the end-of-run {@link LeakSummaryListener} what leaked,
	 * and what static initializers started.
	 */
	private void verifyMethod(Check check, String test, ExtensionContext context) throws InterruptedException {
		LeakCheckOptions options = check.options();
		DeferredLeaks deferred = store(context).get(DEFERRED, DeferredLeaks.class);
		if (deferred != null) {
			deferred.confirmDue();
		}
		LeakCheck.Outcome outcome = LeakCheck.leakedThreads(check.baseline(), options,
				(deferred != null) ? LeakCheck.QUIET : options.maxWait());
		boolean mayEnd = !outcome.stuck() && outcome.waited().compareTo(options.maxWait()) < 0;
		if (!outcome.isClean() && mayEnd && deferred != null
				&& outcome.leaked().stream().noneMatch(NewThread::virtual)) {
			LeakCauses.publish(context, LeakCauses.STATIC_INITIALIZER_TEST_KEY, test,
					outcome.threads().fromStaticInitializers());
			deferred.add(test, outcome.leaked(), options, outcome.waited());
			return;
		}
		LeakCauses.publish(context, test, outcome.threads());
		if (!outcome.isClean()) {
			throw new AssertionError(LeakMessage.format("during " + test, outcome.waited(), outcome.threads()));
		}
	}

	/**
	 * An extension registered in code checks its class (static field) or method (instance
	 * field) itself.
	 */
	private void claim(ExtensionContext context) {
		if (this.options != null) {
			context.getStore(OWN_CHECK).put(OWN_CHECK, this);
		}
	}

	/**
	 * Whether this is the default extension, and one registered in code checks this test
	 * instead.
	 */
	private boolean yields(ExtensionContext context) {
		return this.options == null && context.getStore(OWN_CHECK).get(OWN_CHECK) != null;
	}

	private Store store(ExtensionContext context) {
		return context.getStore(Namespace.create(NoLeakedThreadsExtension.class, this));
	}

	private LeakCheckOptions classOptions(ExtensionContext context) {
		if (this.options != null) {
			return this.options;
		}
		Class<?> type = context.getRequiredTestClass();
		for (Class<?> declaring = type; declaring != null; declaring = declaring.getEnclosingClass()) {
			Optional<VerifyNoLeakedThreads> annotation = AnnotationSupport.findAnnotation(declaring,
					VerifyNoLeakedThreads.class);
			if (annotation.isPresent()) {
				return parse(annotation.get(), declaring);
			}
		}
		return suiteOptions(context);
	}

	private LeakCheckOptions suiteOptions(ExtensionContext context) {
		Optional<LeakCheckOptions> read = this.suiteOptions;
		if (read == null) {
			read = SuiteSettings.read(context);
			this.suiteOptions = read;
		}
		return read.orElse(null);
	}

	/**
	 * The options of a per-method check of this test, or {@code null} when it has none.
	 */
	private LeakCheckOptions methodOptions(ExtensionContext context) {
		if (this.options != null) {
			return (this.options.mode() == CheckMode.PER_METHOD) ? this.options : null;
		}
		Method method = context.getRequiredTestMethod();
		Optional<VerifyNoLeakedThreads> onMethod = AnnotationSupport.findAnnotation(method,
				VerifyNoLeakedThreads.class);
		if (onMethod.isPresent()) {
			LeakCheckOptions methodOptions = parse(onMethod.get(), method);
			if (methodOptions.mode() != CheckMode.PER_METHOD) {
				throw new ExtensionConfigurationException("@VerifyNoLeakedThreads on " + describeMethod(context)
						+ ": mode " + methodOptions.mode() + " belongs on the class; a method is checked per method");
			}
			return methodOptions;
		}
		LeakCheckOptions classOptions = classOptions(context);
		return (classOptions != null && classOptions.mode() == CheckMode.PER_METHOD) ? classOptions : null;
	}

	private LeakCheckOptions parse(VerifyNoLeakedThreads annotation, AnnotatedElement where) {
		return this.annotationOptions.computeIfAbsent(annotation, (key) -> {
			try {
				return LeakCheckOptions.of(key);
			}
			catch (IllegalArgumentException ex) {
				throw new ExtensionConfigurationException("@VerifyNoLeakedThreads on " + where + ": " + ex.getMessage(),
						ex);
			}
		});
	}

	private static String describeMethod(ExtensionContext context) {
		String method = context.getRequiredTestMethod().getName() + "()";
		String description = describeClass(context.getRequiredTestClass()) + "." + method;
		return context.getDisplayName().equals(method) ? description
				: description + " [" + context.getDisplayName() + "]";
	}

	private static String describeClass(Class<?> type) {
		String name = type.getName();
		return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
	}

	/** A check under way: what was alive when it began, and its options. */
	private record Check(Baseline baseline, LeakCheckOptions options) {
	}

	/** Options for a {@link NoLeakedThreadsExtension}, each checked when given. */
	public static final class Builder {

		private CheckMode mode = CheckMode.PER_METHOD;

		private final List<IdleThreadFilter> expected = new ArrayList<>(ExpectedThreads.DEFAULTS);

		private StaticInitializerThreads staticInitializerThreads = StaticInitializerThreads.REPORT;

		private Duration settle = Duration.ofMillis(DEFAULT_SETTLE_MILLIS);

		private Duration maxWait = Duration.ofMillis(DEFAULT_MAX_WAIT_MILLIS);

		private Builder() {
			this.expected.addAll(ExpectedThreads.shippedByLibraries());
		}

		/** When threads are compared; {@link CheckMode#PER_METHOD} by default. */
		public Builder mode(CheckMode mode) {
			this.mode = Objects.requireNonNull(mode, "mode");
			return this;
		}

		/**
		 * Threads whose whole name matches one of {@code regexes} may be left running.
		 * @throws IllegalArgumentException if one is no regular expression
		 */
		public Builder ignoreThreadNames(String... regexes) {
			for (String regex : regexes) {
				this.expected.add(ExpectedThreads.threadNamed(regex));
			}
			return this;
		}

		/**
		 * Threads with one of {@code frames} ({@code fully.qualified.Class.method})
		 * anywhere in their stack may be left running, like goleak's
		 * {@code IgnoreAnyFunction}.
		 * @throws IllegalArgumentException if one is not of that form
		 */
		public Builder ignoreFrames(String... frames) {
			for (String frame : frames) {
				this.expected.add(ExpectedThreads.anyFrame(frame));
			}
			return this;
		}

		/**
		 * Threads whose innermost frame is one of {@code frames}
		 * ({@code fully.qualified.Class.method}) may be left running, like goleak's
		 * {@code IgnoreTopFunction}.
		 * @throws IllegalArgumentException if one is not of that form
		 */
		public Builder ignoreTopFrames(String... frames) {
			for (String frame : frames) {
				this.expected.add(ExpectedThreads.topFrame(frame));
			}
			return this;
		}

		/**
		 * Threads started from a stack with one of {@code frames}
		 * ({@code fully.qualified.Class.method}) in its first application frames may be
		 * left running, like goleak's {@code IgnoreCreatedBy}. For a pool's worker that
		 * is the code that made the pool start it ({@code execute}, {@code submit}).
		 * Needs the JDK Flight Recorder; without it no thread matches.
		 * @throws IllegalArgumentException if one is not of that form
		 */
		public Builder ignoreCreatedBy(String... frames) {
			for (String frame : frames) {
				this.expected.add(ExpectedThreads.createdBy(frame));
			}
			return this;
		}

		/**
		 * What becomes of a thread started by a static initializer ({@code <clinit>}
		 * among the first frames of the stack that started it), which is one per JVM and
		 * not the leak of the test that first touched its class:
		 * {@link StaticInitializerThreads#REPORT} (the default) reports it apart without
		 * failing the test. Needs the JDK Flight Recorder; without it no thread is known
		 * to be one.
		 */
		public Builder staticInitializerThreads(StaticInitializerThreads staticInitializerThreads) {
			this.staticInitializerThreads = Objects.requireNonNull(staticInitializerThreads,
					"staticInitializerThreads");
			return this;
		}

		/**
		 * Threads matching one of {@code filters} may be left running: your own named
		 * predicates, or leakwatch's runtime defaults ({@code IdleThreads.DEFAULTS}) to
		 * accept idle pool workers and event loops.
		 */
		public Builder ignore(IdleThreadFilter... filters) {
			return ignore(List.of(filters));
		}

		/** Like {@link #ignore(IdleThreadFilter...)}. */
		public Builder ignore(Collection<IdleThreadFilter> filters) {
			for (IdleThreadFilter filter : filters) {
				this.expected.add(Objects.requireNonNull(filter, "filter"));
			}
			return this;
		}

		/**
		 * How long threads started by the test get once all of them are in an untimed
		 * wait ({@code WAITING}: parked, {@code Object.wait()}, {@code join()} without a
		 * timeout), which they cannot leave by themselves; 1 s by default, at most
		 * {@link #maxWait}.
		 * @throws IllegalArgumentException if negative
		 */
		public Builder settle(Duration settle) {
			this.settle = LeakCheckOptions.requireNotNegative(settle, "settle");
			return this;
		}

		/**
		 * How long, at most, threads started by the test get to end while one of them is
		 * running, blocked on a monitor or in a timed wait (sleeping, a pool's
		 * keep-alive); 10 s by default. With the extension in a static field, the rest of
		 * the class runs meanwhile and threads still alive then fail the class.
		 * @throws IllegalArgumentException if negative
		 */
		public Builder maxWait(Duration maxWait) {
			this.maxWait = LeakCheckOptions.requireNotNegative(maxWait, "maxWait");
			return this;
		}

		public NoLeakedThreadsExtension build() {
			return new NoLeakedThreadsExtension(options());
		}

		LeakCheckOptions options() {
			return new LeakCheckOptions(this.mode, this.expected, this.staticInitializerThreads, this.settle,
					this.maxWait);
		}

	}

}
