package dev.leakwatch.core.origin;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The creation sites of live threads, fed with thread starts and ends by one thread (the
 * stream's) and read by any. A thread's entry goes when it ends, and a site when its last
 * thread ends, so memory follows the live threads, however many have come and gone.
 * <p>
 * Which threads are "not known yet" rests on the JDK handing out thread ids in increasing
 * order: a thread whose id is below a fresh id taken two deliveries ago was created
 * before then, so its start has been delivered if it was started promptly; a thread with
 * a higher id may still be on its way.
 */
final class OriginTable {

	/**
	 * How many deliveries a thread's start may take to arrive: the one under way when it
	 * started, and the next.
	 */
	private static final int DELIVERY_LAG = 2;

	private final OriginSettings settings;

	private final LongSupplier nextThreadId;

	private final Map<Long, CreationSite> live = new ConcurrentHashMap<>();

	/**
	 * Each site with the number of live threads started from it; only the feeding thread
	 * changes it.
	 */
	private final Map<CreationSite, Interned> interned = new ConcurrentHashMap<>();

	/**
	 * Threads with a smaller id were created before watching began; none is until it has.
	 */
	private volatile long firstWatchedId = Long.MAX_VALUE;

	/** Fresh ids taken at the last {@link #DELIVERY_LAG} deliveries, oldest first. */
	private final long[] probes = new long[DELIVERY_LAG];

	/**
	 * Threads with a smaller id that have no site had their start delivered already, or
	 * never will.
	 */
	private volatile long settledBelowId;

	private volatile long deliveries;

	private volatile long dropped;

	OriginTable(OriginSettings settings, LongSupplier nextThreadId) {
		this.settings = settings;
		this.nextThreadId = nextThreadId;
	}

	/**
	 * Thread starts are being recorded from now on; called again (a new chunk of events),
	 * changes nothing.
	 */
	synchronized void watching() {
		if (this.firstWatchedId != Long.MAX_VALUE) {
			return;
		}
		long first = this.nextThreadId.getAsLong();
		Arrays.fill(this.probes, first);
		this.settledBelowId = first;
		this.firstWatchedId = first;
		notifyAll();
	}

	/** Waits until watching has begun; false if the time ran out first. */
	synchronized boolean awaitWatching(long timeoutNanos) throws InterruptedException {
		long deadline = System.nanoTime() + timeoutNanos;
		while (this.firstWatchedId == Long.MAX_VALUE) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		return true;
	}

	/** A thread started from {@code site}. */
	void started(long threadId, CreationSite site) {
		if (this.live.size() >= this.settings.maxThreads()) {
			this.dropped++;
			return;
		}
		CreationSite kept = intern(site);
		CreationSite previous = this.live.put(threadId, kept);
		if (previous != null) {
			release(previous);
		}
	}

	/** A thread ended. */
	void ended(long threadId) {
		CreationSite site = this.live.remove(threadId);
		if (site != null) {
			release(site);
		}
	}

	/**
	 * Forgets the threads not among {@code liveIds}: threads whose end the recorder
	 * delivered without naming the thread, which would otherwise stay for good.
	 */
	void retainLive(long[] liveIds) {
		Set<Long> alive = new HashSet<>(liveIds.length * 2);
		for (long id : liveIds) {
			alive.add(id);
		}
		for (Long id : this.live.keySet()) {
			if (!alive.contains(id)) {
				ended(id);
			}
		}
	}

	/** Every thread start up to a recent point has been delivered. */
	synchronized void delivered() {
		if (this.firstWatchedId == Long.MAX_VALUE) {
			return;
		}
		this.settledBelowId = this.probes[0];
		System.arraycopy(this.probes, 1, this.probes, 0, DELIVERY_LAG - 1);
		this.probes[DELIVERY_LAG - 1] = this.nextThreadId.getAsLong();
		this.deliveries++;
		notifyAll();
	}

	CreationSite siteOf(long threadId) {
		CreationSite site = this.live.get(threadId);
		if (site != null) {
			return site;
		}
		long firstWatched = this.firstWatchedId;
		if (firstWatched == Long.MAX_VALUE) {
			return CreationSite.NOT_YET_KNOWN;
		}
		if (threadId < firstWatched) {
			return CreationSite.BEFORE_LEAKWATCH;
		}
		return (threadId < this.settledBelowId) ? CreationSite.UNKNOWN : CreationSite.NOT_YET_KNOWN;
	}

	/**
	 * Waits until every thread started before this call has been delivered and is
	 * settled, watching having begun: the next delivery takes a fresh id, and
	 * {@link #DELIVERY_LAG} more settle it. False if the time ran out first.
	 */
	synchronized boolean awaitDelivery(long timeoutNanos) throws InterruptedException {
		long until = this.deliveries + 1 + DELIVERY_LAG;
		long deadline = System.nanoTime() + timeoutNanos;
		while (this.deliveries < until) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		return true;
	}

	int threads() {
		return this.live.size();
	}

	int sites() {
		return this.interned.size();
	}

	long dropped() {
		return this.dropped;
	}

	private CreationSite intern(CreationSite site) {
		Interned interned = this.interned.get(site);
		if (interned == null) {
			if (this.interned.size() >= this.settings.maxSites()) {
				this.dropped++;
				return CreationSite.UNKNOWN;
			}
			interned = new Interned(site);
			this.interned.put(site, interned);
		}
		interned.threads++;
		return interned.site;
	}

	private void release(CreationSite site) {
		Interned interned = this.interned.get(site);
		if (interned != null && --interned.threads == 0) {
			this.interned.remove(site);
		}
	}

	/**
	 * The one instance of a site every thread started from it shares, and how many of
	 * them live.
	 */
	private static final class Interned {

		private final CreationSite site;

		private int threads;

		Interned(CreationSite site) {
			this.site = site;
		}

	}

}
