package dev.leakwatch.autoconfigure.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;

/**
 * Names HTTP request sources {@code METHOD host/path}, folded by {@link HttpPaths} (never
 * an id, a matrix parameter, a query, a fragment or user info), with bounded cardinality:
 * at most {@code maxSources} names per client kind. A new name takes the place of the
 * least recently used source that has had no request for {@code idleTime}, whose meters
 * go with it; when none has, the request counts as {@code other}, and the report says how
 * many distinct paths {@code other} holds.
 */
final class HttpSources {

	static final String OTHER = "other";

	/**
	 * The distinct paths {@code other} counts one by one; beyond, the report says "at
	 * least".
	 */
	static final int OTHER_PATHS_COUNTED = 1_000;

	/**
	 * How often, at most, a newcomer may look for an idle source again after finding
	 * none.
	 */
	private static final long RESCAN_NANOS = Duration.ofSeconds(1).toNanos();

	/**
	 * How stale a source's last use may be: it is written at most this often, to keep
	 * requests cheap.
	 */
	private static final long USE_RESOLUTION_NANOS = Duration.ofSeconds(1).toNanos();

	private final TaskTracker tracker;

	private final TaskKind kind;

	private final int maxSources;

	private final long idleNanos;

	private final Map<String, Named> named = new ConcurrentHashMap<>();

	private final Set<Integer> otherPaths = ConcurrentHashMap.newKeySet();

	private TaskSource other; // guarded by this

	private long nextScanNanos = System.nanoTime(); // guarded by this

	HttpSources(TaskTracker tracker, TaskKind kind, int maxSources, Duration idleTime) {
		this.tracker = tracker;
		this.kind = kind;
		this.maxSources = maxSources;
		this.idleNanos = idleTime.toNanos();
		tracker.addReportNote(this::otherNote);
	}

	TaskSource source(String method, URI url, Object uriTemplate) {
		String name = name(method, url, (uriTemplate instanceof String template) ? template : null);
		Named known = this.named.get(name);
		if (known != null) {
			known.used(System.nanoTime());
			return known.source;
		}
		return newcomer(name);
	}

	private synchronized TaskSource newcomer(String name) {
		long now = System.nanoTime();
		Named known = this.named.get(name);
		if (known != null) {
			known.used(now);
			return known.source;
		}
		if (this.named.size() >= this.maxSources && !evictIdle(now)) {
			if (this.otherPaths.size() < OTHER_PATHS_COUNTED) {
				this.otherPaths.add(name.hashCode());
			}
			if (this.other == null) {
				this.other = this.tracker.source(OTHER, this.kind);
			}
			return this.other;
		}
		Named created = new Named(this.tracker.source(name, this.kind), now);
		this.named.put(name, created);
		return created.source;
	}

	/**
	 * Retires the least recently used source idle for {@code idleTime} with nothing in
	 * flight, if any.
	 */
	private boolean evictIdle(long now) {
		if (now - this.nextScanNanos < 0) {
			return false;
		}
		Map.Entry<String, Named> idlest = null;
		for (Map.Entry<String, Named> entry : this.named.entrySet()) {
			Named candidate = entry.getValue();
			if (now - candidate.lastUsedNanos >= this.idleNanos && candidate.source.active() == 0
					&& (idlest == null || candidate.lastUsedNanos - idlest.getValue().lastUsedNanos < 0)) {
				idlest = entry;
			}
		}
		if (idlest == null) {
			this.nextScanNanos = now + Math.min(RESCAN_NANOS, this.idleNanos);
			return false;
		}
		this.named.remove(idlest.getKey());
		this.tracker.retire(idlest.getValue().source);
		return true;
	}

	/** What the report says of {@code other}, or {@code null} while it holds nothing. */
	private String otherNote() {
		int paths = this.otherPaths.size();
		if (paths == 0) {
			return null;
		}
		String count = (paths >= OTHER_PATHS_COUNTED) ? "at least " + OTHER_PATHS_COUNTED : String.valueOf(paths);
		return this.kind.tag() + " source '" + OTHER + "' holds " + count + " distinct paths that came while all "
				+ this.maxSources + " named sources (leakwatch.http.max-sources) had had a request within the last "
				+ Duration.ofNanos(this.idleNanos).toSeconds() + "s (leakwatch.http.source-idle-time)";
	}

	static String name(String method, URI url, String uriTemplate) {
		String path = (uriTemplate != null) ? HttpPaths.templatePath(uriTemplate) : HttpPaths.fold(url.getRawPath());
		return method + " " + HttpPaths.host(url.getHost()) + path;
	}

	/**
	 * A named source and when it was last used, to within {@link #USE_RESOLUTION_NANOS}.
	 */
	private static final class Named {

		private final TaskSource source;

		private volatile long lastUsedNanos;

		Named(TaskSource source, long nowNanos) {
			this.source = source;
			this.lastUsedNanos = nowNanos;
		}

		void used(long nowNanos) {
			if (nowNanos - this.lastUsedNanos >= USE_RESOLUTION_NANOS) {
				this.lastUsedNanos = nowNanos;
			}
		}

	}

}
