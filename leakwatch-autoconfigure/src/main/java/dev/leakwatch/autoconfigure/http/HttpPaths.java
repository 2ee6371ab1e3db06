package dev.leakwatch.autoconfigure.http;

import java.util.regex.Pattern;

/**
 * Folds what identifies one call rather than one endpoint out of a request's host and
 * path, for both clients and whether the path comes from a URI template or from the URI
 * itself: every segment that reads as an id becomes {@code {id}}, matrix parameters
 * ({@code ;jsessionid=...}), the query and the fragment are dropped. An id is a run of
 * digits, a UUID, a long hex or base64-like token, or anything percent-encoded or with an
 * {@code @} in it (names, e-mail addresses); a template's own variables ({@code {id}})
 * stay as they are. Versions and short words with a digit ({@code v2}, {@code oauth2},
 * {@code s3}) stay too.
 */
final class HttpPaths {

	static final String ID = "{id}";

	/**
	 * Three digits anywhere, or nothing but digits: {@code 42}, {@code order-1234},
	 * {@code 2026-12-01}.
	 */
	private static final Pattern DIGIT_RUNS = Pattern.compile("^\\d+$|\\d\\D*\\d\\D*\\d");

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern LONG_HEX = Pattern.compile("^[0-9a-fA-F]{16,}$");

	/**
	 * Long tokens of the base64 and base64url alphabets that mix cases or hold a digit.
	 */
	private static final Pattern BASE64_LIKE = Pattern
		.compile("^(?=.*(?:\\d|[a-z].*[A-Z]|[A-Z].*[a-z]))[A-Za-z0-9+_=-]{16,}$");

	private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|:");

	private HttpPaths() {
	}

	/**
	 * The folded path of a URI template, which may be absolute
	 * ({@code http://host/orders/{id}?q={q}}) or a literal URI passed as a string.
	 */
	static String templatePath(String template) {
		String path = template;
		int scheme = path.indexOf("://");
		if (scheme >= 0) {
			int slash = path.indexOf('/', scheme + 3);
			path = (slash >= 0) ? path.substring(slash) : "/";
		}
		int end = indexOfAny(path, '?', '#');
		return fold((end >= 0) ? path.substring(0, end) : path);
	}

	/**
	 * The folded form of a raw path ({@link java.net.URI#getRawPath()}: no query, no
	 * fragment).
	 */
	static String fold(String path) {
		if (path == null || path.isEmpty()) {
			return "/";
		}
		StringBuilder folded = new StringBuilder(path.length());
		int start = path.startsWith("/") ? 1 : 0;
		while (start <= path.length()) {
			int slash = path.indexOf('/', start);
			int end = (slash >= 0) ? slash : path.length();
			folded.append('/').append(segment(path.substring(start, end)));
			start = end + 1;
		}
		return folded.toString();
	}

	/**
	 * The host, with every label that reads as an id folded; IP literals stay as they
	 * are.
	 */
	static String host(String host) {
		if (host == null) {
			return "";
		}
		if (IP_LITERAL.matcher(host).find()) {
			return host;
		}
		StringBuilder folded = new StringBuilder(host.length());
		for (String label : host.split("\\.", -1)) {
			folded.append((folded.length() > 0) ? "." : "").append(isId(label) ? ID : label);
		}
		return folded.toString();
	}

	private static String segment(String segment) {
		int matrix = segment.indexOf(';');
		String plain = (matrix >= 0) ? segment.substring(0, matrix) : segment;
		return isId(plain) ? ID : plain;
	}

	static boolean isId(String segment) {
		if (segment.startsWith("{") && segment.endsWith("}")) {
			return false;
		}
		return segment.indexOf('%') >= 0 || segment.indexOf('@') >= 0 || DIGIT_RUNS.matcher(segment).find()
				|| UUID.matcher(segment).find() || LONG_HEX.matcher(segment).matches()
				|| BASE64_LIKE.matcher(segment).matches();
	}

	private static int indexOfAny(String text, char first, char second) {
		int a = text.indexOf(first);
		int b = text.indexOf(second);
		return (a < 0) ? b : (b < 0) ? a : Math.min(a, b);
	}

}
