package dev.leakwatch.test;

import java.time.Duration;
import java.util.List;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.origin.OriginSettings;
import dev.leakwatch.core.origin.ThreadOrigins;
import dev.leakwatch.test.ThreadCensus.NewThread;

/**
 * Where the threads a check finds were started: one {@link ThreadOrigins} for the whole
 * test JVM, started by the first check and kept until the JVM exits. It starts before
 * that check's baseline and waits until it records, so the threads the Flight Recorder
 * starts for it are never a test's. Where the JVM has no Flight Recorder, every site is
 * unknown and checks work as before.
 */
final class CreatedBy {

	/** The recorder's first start in a JVM takes seconds. */
	private static final Duration START_WAIT = Duration.ofSeconds(30);

	/**
	 * A read of the recorded thread starts takes a fraction of a second, more on a busy
	 * machine; a failing check waits this long at most for it.
	 */
	private static final Duration DELIVERY_WAIT = Duration.ofSeconds(10);

	/**
	 * How a site's frame ({@code class.method:line}) names a static initializer; no other
	 * method name has a '<'.
	 */
	private static final String STATIC_INITIALIZER = ".<clinit>";

	private static volatile ThreadOrigins origins;

	private CreatedBy() {
	}

	/** Starts recording thread starts, once per JVM. */
	static synchronized void watch() {
		if (origins != null) {
			return;
		}
		ThreadOrigins started = new ThreadOrigins(OriginSettings.defaults());
		if (started.isAvailable()) {
			started.start();
			try {
				started.awaitWatching(START_WAIT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		origins = started;
	}

	static CreationSite siteOf(long threadId) {
		ThreadOrigins current = origins;
		return (current != null) ? current.siteOf(threadId) : CreationSite.UNKNOWN;
	}

	/**
	 * Whether the thread with this id was started by a static initializer:
	 * {@code <clinit>} is among the first frames of the stack that started it. A site
	 * that is not recorded (not known yet, unknown) is not.
	 */
	static boolean byStaticInitializer(long threadId) {
		for (String frame : siteOf(threadId).frames()) {
			if (frame.contains(STATIC_INITIALIZER)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Reads the starts of {@code threads} when one of them has not been read yet: every
	 * thread started before this call then has its site.
	 * @return whether it waited, so that what depends on the sites should be looked at
	 * again
	 */
	static boolean settle(List<NewThread> threads) throws InterruptedException {
		ThreadOrigins current = origins;
		if (current == null || threads.stream().noneMatch((thread) -> isNotKnownYet(thread.stack().id()))) {
			return false;
		}
		current.awaitDelivery(DELIVERY_WAIT);
		return true;
	}

	private static boolean isNotKnownYet(long threadId) {
		return siteOf(threadId) == CreationSite.NOT_YET_KNOWN;
	}

}
