package dev.leakwatch.autoconfigure.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;

/**
 * Names HTTP request sources {@code METHOD host/uri-template}, with bounded cardinality: the URI template when
 * Spring knows it, otherwise the path with every segment that holds a digit read as {@code {id}}; never a
 * query string or user info. Past {@code maxSources} names per client kind, requests count as {@code other}.
 */
final class HttpSources {

	static final String OTHER = "other";

	private final TaskTracker tracker;

	private final TaskKind kind;

	private final int maxSources;

	private final Map<String, TaskSource> sources = new ConcurrentHashMap<>();

	HttpSources(TaskTracker tracker, TaskKind kind, int maxSources) {
		this.tracker = tracker;
		this.kind = kind;
		this.maxSources = maxSources;
	}

	TaskSource source(String method, URI url, Object uriTemplate) {
		String name = name(method, url, (uriTemplate instanceof String template) ? template : null);
		TaskSource source = this.sources.get(name);
		if (source != null) {
			return source;
		}
		if (this.sources.size() >= this.maxSources) {
			return this.sources.computeIfAbsent(OTHER, (key) -> this.tracker.source(OTHER, this.kind));
		}
		return this.sources.computeIfAbsent(name, (key) -> this.tracker.source(key, this.kind));
	}

	static String name(String method, URI url, String uriTemplate) {
		String host = (url.getHost() != null) ? url.getHost() : "";
		String path = (uriTemplate != null) ? templatePath(uriTemplate) : foldIds(url.getRawPath());
		return method + " " + host + (path.startsWith("/") ? path : "/" + path);
	}

	/** The path of a template that may be absolute ({@code http://host/orders/{id}?q={q}}). */
	private static String templatePath(String template) {
		String path = template;
		int scheme = path.indexOf("://");
		if (scheme >= 0) {
			int slash = path.indexOf('/', scheme + 3);
			path = (slash >= 0) ? path.substring(slash) : "/";
		}
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
	}

	private static String foldIds(String path) {
		if (path == null || path.isEmpty()) {
			return "/";
		}
		StringBuilder folded = new StringBuilder(path.length());
		for (String segment : path.split("/", -1)) {
			if (folded.length() > 0 || path.startsWith("/")) {
				folded.append('/');
			}
			folded.append(segment.chars().anyMatch(Character::isDigit) ? "{id}" : segment);
		}
		return folded.toString().replaceFirst("^//", "/");
	}

}
