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

/**
 * The JUnit Jupiter extension behind {@link VerifyNoLeakedThreads}: fails a test that leaves threads running.
 * Declare it with the annotation, or register one with options in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final NoLeakedThreadsExtension noLeaks = NoLeakedThreadsExtension.builder()
 *     .ignoreThreadNames("grpc-default-worker-.*")
 *     .ignoreFrames("com.example.Metrics.flushLoop")
 *     .maxWait(Duration.ofMillis(500))
 *     .build();
 * }</pre>
 *
 * A {@link CheckMode#PER_CLASS} extension must be registered in a {@code static} field, as JUnit registers
 * instance fields after {@code @BeforeAll}. Needs no Spring; works with the JUnit Platform on JDK 17+. Virtual
 * threads are checked on JDK 21+, through the JDK's thread dump. Not meant for tests that run in parallel in one
 * JVM: the check sees every thread of the JVM, whichever test started it.
 */
public final class NoLeakedThreadsExtension implements BeforeAllCallback, TestInstancePreConstructCallback,
		BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	/** How long threads started by a test get to finish by default, in milliseconds. */
	public static final long DEFAULT_MAX_WAIT_MILLIS = 2000;

	private static final String CLASS_CHECK = "class check";

	private static final String METHOD_CHECK = "method check";

	/** The options given in code, or {@code null} for those of {@link VerifyNoLeakedThreads} annotations. */
	private final LeakCheckOptions options;

	private final Map<VerifyNoLeakedThreads, LeakCheckOptions> annotationOptions = new ConcurrentHashMap<>();

	/** The extension as {@link VerifyNoLeakedThreads} declares it, reading its options from the annotation. */
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
		if (check != null) {
			LeakCheck.verify(check.baseline(), check.options(), "during " + describeMethod(context));
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		Check check = store(context).remove(CLASS_CHECK, Check.class);
		if (check != null) {
			LeakCheck.verify(check.baseline(), check.options(),
					"during " + describeClass(context.getRequiredTestClass()) + " (checked per class)");
		}
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
		return null;
	}

	/** The options of a per-method check of this test, or {@code null} when it has none. */
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
				throw new ExtensionConfigurationException(
						"@VerifyNoLeakedThreads on " + where + ": " + ex.getMessage(), ex);
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

		private Duration maxWait = Duration.ofMillis(DEFAULT_MAX_WAIT_MILLIS);

		private Builder() {
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
		 * Threads with one of {@code frames} ({@code fully.qualified.Class.method}) anywhere in their stack may be
		 * left running, like goleak's {@code IgnoreAnyFunction}.
		 * @throws IllegalArgumentException if one is not of that form
		 */
		public Builder ignoreFrames(String... frames) {
			for (String frame : frames) {
				this.expected.add(ExpectedThreads.anyFrame(frame));
			}
			return this;
		}

		/**
		 * Threads whose innermost frame is one of {@code frames} ({@code fully.qualified.Class.method}) may be left
		 * running, like goleak's {@code IgnoreTopFunction}.
		 * @throws IllegalArgumentException if one is not of that form
		 */
		public Builder ignoreTopFrames(String... frames) {
			for (String frame : frames) {
				this.expected.add(ExpectedThreads.topFrame(frame));
			}
			return this;
		}

		/**
		 * Threads started from a stack with one of {@code frames} ({@code fully.qualified.Class.method}) in its
		 * first application frames may be left running, like goleak's {@code IgnoreCreatedBy}. For a pool's
		 * worker that is the code that made the pool start it ({@code execute}, {@code submit}). Needs the JDK
		 * Flight Recorder; without it no thread matches.
		 * @throws IllegalArgumentException if one is not of that form
		 */
		public Builder ignoreCreatedBy(String... frames) {
			for (String frame : frames) {
				this.expected.add(ExpectedThreads.createdBy(frame));
			}
			return this;
		}

		/**
		 * Threads matching one of {@code filters} may be left running: your own named predicates, or leakwatch's
		 * runtime defaults ({@code IdleThreads.DEFAULTS}) to accept idle pool workers and event loops.
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
		 * How long, at most, threads started by the test get to finish before they are reported; 2 s by default.
		 * @throws IllegalArgumentException if negative
		 */
		public Builder maxWait(Duration maxWait) {
			Objects.requireNonNull(maxWait, "maxWait");
			if (maxWait.isNegative()) {
				throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
			}
			this.maxWait = maxWait;
			return this;
		}

		public NoLeakedThreadsExtension build() {
			return new NoLeakedThreadsExtension(options());
		}

		LeakCheckOptions options() {
			return new LeakCheckOptions(this.mode, this.expected, this.maxWait);
		}

	}

}
