package dev.leakwatch.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads that were alive when a check began, plus those started later that belong to
 * the test fixture rather than the test (the ones started while a test instance is
 * created and post-processed).
 * <p>
 * Platform threads are known by id. Virtual threads cannot be listed cheaply, so they are
 * known by the thread-id counter instead: a virtual thread is new when its id is above
 * the {@linkplain ThreadCensus#probeId() probe} taken at the start and outside the
 * windows taken for the fixture.
 */
final class Baseline {

	private final Set<Long> platformIds;

	private final long firstProbe;

	private final Set<Long> ownProbes = ConcurrentHashMap.newKeySet();

	private final List<long[]> fixtureWindows = new ArrayList<>();

	private Set<Long> beforeSetup;

	private long setupProbe = ThreadCensus.NO_PROBE;

	private Baseline(Set<Long> platformIds, long firstProbe) {
		this.platformIds = platformIds;
		this.firstProbe = firstProbe;
	}

	static Baseline take() {
		CreatedBy.watch();
		Set<Long> ids = ConcurrentHashMap.newKeySet();
		ids.addAll(ThreadCensus.platformThreads().keySet());
		Baseline baseline = new Baseline(ids, ThreadCensus.probeId());
		baseline.ownProbes.add(baseline.firstProbe);
		return baseline;
	}

	/** A test instance is about to be created and post-processed. */
	synchronized void fixtureSetupStarting() {
		this.beforeSetup = ThreadCensus.platformThreads().keySet();
		this.setupProbe = probe();
	}

	/**
	 * The test instance is ready: threads started since {@link #fixtureSetupStarting()}
	 * are the fixture's.
	 */
	synchronized void fixtureSetupDone() {
		if (this.beforeSetup == null) {
			return;
		}
		for (Long id : ThreadCensus.platformThreads().keySet()) {
			if (!this.beforeSetup.contains(id)) {
				this.platformIds.add(id);
			}
		}
		if (this.setupProbe != ThreadCensus.NO_PROBE) {
			this.fixtureWindows.add(new long[] { this.setupProbe, probe() });
		}
		this.beforeSetup = null;
	}

	boolean knows(long platformThreadId) {
		return this.platformIds.contains(platformThreadId);
	}

	boolean tracksVirtualThreads() {
		return this.firstProbe != ThreadCensus.NO_PROBE;
	}

	/** A new probe id, remembered so it never counts as a thread someone created. */
	long probe() {
		long probe = ThreadCensus.probeId();
		this.ownProbes.add(probe);
		return probe;
	}

	/**
	 * Whether a virtual thread with this id was created after this baseline and outside
	 * the fixture's windows.
	 */
	synchronized boolean isNewVirtual(long threadId) {
		if (threadId <= this.firstProbe) {
			return false;
		}
		for (long[] window : this.fixtureWindows) {
			if (threadId > window[0] && threadId < window[1]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether any thread was created between this baseline and {@code probe} other than
	 * our probes, the fixture's and {@code knownNew}: if not, there is no virtual thread
	 * to look for.
	 */
	synchronized boolean createdOthersBefore(long probe, Set<Long> knownNew) {
		for (long id = this.firstProbe + 1; id < probe; id++) {
			if (!this.ownProbes.contains(id) && !knownNew.contains(id) && isNewVirtual(id)) {
				return true;
			}
		}
		return false;
	}

}
