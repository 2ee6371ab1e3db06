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
	 * Thread starts arrive about a second after the fact; a failing check waits this long
	 * at most for them.
	 */
	private static final Duration DELIVERY_WAIT = Duration.ofSeconds(10);

	/**
	 * How long a check waits for every thread's site to be recorded before it waits for
	 * whole deliveries instead: about three deliveries.
	 */
	private static final Duration RECORDED_WAIT = Duration.ofSeconds(3);

	/** How often a check waiting for thread starts looks whether they have arrived. */
	private static final Duration DELIVERY_POLL = Duration.ofMillis(20);

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
	 * Waits for the starts of {@code threads} that have not been delivered yet: until
	 * every platform thread among them has its site, which the next delivery brings (a
	 * check that waited for whole rounds of deliveries paid up to three seconds per
	 * failing test), or else, when one still has none after {@link #RECORDED_WAIT}, for
	 * three more deliveries, after which a site not delivered is never known.
	 * @return whether it waited, so that what depends on the sites should be looked at
	 * again
	 */
	static boolean settle(List<NewThread> threads) throws InterruptedException {
		ThreadOrigins current = origins;
		if (current == null || threads.stream().noneMatch((thread) -> isNotKnownYet(thread.stack().id()))) {
			return false;
		}
		long deadline = System.nanoTime() + RECORDED_WAIT.toNanos();
		while (!threads.stream().allMatch(CreatedBy::hasSite)) {
			if (deadline - System.nanoTime() <= 0) {
				current.awaitDelivery(DELIVERY_WAIT);
				break;
			}
			Thread.sleep(DELIVERY_POLL.toMillis());
		}
		return true;
	}

	/**
	 * Whether the site of this thread is known for good: recorded, or running before the
	 * recorder. The JDK records no start of a virtual thread.
	 */
	private static boolean hasSite(NewThread thread) {
		CreationSite.Kind kind = siteOf(thread.stack().id()).kind();
		return thread.virtual() || kind == CreationSite.Kind.RECORDED || kind == CreationSite.Kind.BEFORE_LEAKWATCH;
	}

	private static boolean isNotKnownYet(long threadId) {
		return siteOf(threadId) == CreationSite.NOT_YET_KNOWN;
	}

}
