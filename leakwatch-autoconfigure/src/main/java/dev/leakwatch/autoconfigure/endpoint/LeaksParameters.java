package dev.leakwatch.autoconfigure.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The query parameters of {@code /actuator/leaks}, each a boolean: the values Spring's
 * conversion accepts ({@code true}, {@code false} and their {@code on}/{@code off},
 * {@code yes}/{@code no}, {@code 1}/{@code 0} forms, any case; empty is absent). A value
 * that is none of them is an error that names the parameter and the accepted values, and
 * does not repeat what was sent.
 *
 * @param virtual whether to add virtual threads, or {@code null} for
 * {@code leakwatch.virtual-threads}
 * @param proof whether to prove leaks by heap reachability
 */
record LeaksParameters(@Nullable Boolean virtual, boolean proof) {

	static final String VIRTUAL = "virtual";

	static final String PROOF = "proof";

	private static final List<String> TRUE = List.of("true", "on", "yes", "1");

	private static final List<String> FALSE = List.of("false", "off", "no", "0");

	/**
	 * @throws InvalidParameterException naming every parameter whose value is not a
	 * boolean
	 */
	static LeaksParameters parse(@Nullable String virtual, @Nullable String proof) {
		List<String> invalid = new ArrayList<>();
		Boolean virtualThreads = flag(VIRTUAL, virtual, invalid);
		Boolean prove = flag(PROOF, proof, invalid);
		if (!invalid.isEmpty()) {
			throw new InvalidParameterException("Invalid value for query parameter " + String.join(" and ", invalid)
					+ ": expected true or false (or on/off, yes/no, 1/0)");
		}
		return new LeaksParameters(virtualThreads, Boolean.TRUE.equals(prove));
	}

	private static @Nullable Boolean flag(String name, @Nullable String value, List<String> invalid) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String word = value.trim().toLowerCase(Locale.ROOT);
		if (TRUE.contains(word)) {
			return true;
		}
		if (FALSE.contains(word)) {
			return false;
		}
		invalid.add("'" + name + "'");
		return null;
	}

	/** A query parameter that does not parse; its message is the answer's error. */
	static final class InvalidParameterException extends IllegalArgumentException {

		InvalidParameterException(String message) {
			super(message);
		}

	}

}
