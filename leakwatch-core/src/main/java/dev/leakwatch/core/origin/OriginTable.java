package dev.leakwatch.core.origin;

import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The creation sites of live threads, fed with thread starts, and told which threads
 * still live, by one thread (the reader's) and read by any. A thread's entry goes once it
 * is no longer alive, and a site when its last thread goes, so memory follows the live
 * threads, however many have come and gone.
 * <p>
 * Which threads are "not known yet" rests on the JDK handing out thread ids in increasing
 * order: a thread whose id is below a fresh id taken before a read was created before
 * that read, so its start has been read if it was started promptly; a thread with a
 * higher id may still be on its way.
 */
final class OriginTable {

	private final OriginSettings settings;

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

	/**
	 * Threads with a smaller id that have no site had their start read already, or never
	 * will.
	 */
	private volatile long settledBelowId;

	private volatile long dropped;

	OriginTable(OriginSettings settings) {
		this.settings = settings;
	}

	/**
	 * Thread starts are recorded from now on: those of threads with an id from
	 * {@code firstWatchedId} up, a fresh one.
	 */
	synchronized void watching(long firstWatchedId) {
		this.settledBelowId = firstWatchedId;
		this.firstWatchedId = firstWatchedId;
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

	/** A thread is no longer alive. */
	void ended(long threadId) {
		CreationSite site = this.live.remove(threadId);
		if (site != null) {
			release(site);
		}
	}

	/** Forgets the threads not among {@code liveIds}. */
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

	/**
	 * Every thread start up to a point has been read: that of every thread whose id is
	 * below {@code settledBelowId} and was started promptly.
	 */
	void delivered(long settledBelowId) {
		this.settledBelowId = settledBelowId;
	}

	/**
	 * Whether a read may still find the site of {@code threadId}, a live thread: one
	 * started since watching began whose start was not read.
	 */
	boolean awaitsSite(long threadId) {
		return threadId >= this.firstWatchedId && !this.live.containsKey(threadId);
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
