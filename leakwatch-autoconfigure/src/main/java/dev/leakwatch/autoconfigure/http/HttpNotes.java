package dev.leakwatch.autoconfigure.http;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What a report says of an HTTP request in flight past the stuck threshold: whether
 * Boot's HTTP clients have a read timeout configured, and what to do about it. A client
 * built with a connector or request factory of its own may have one Boot does not know
 * of; the note says so rather than guess.
 */
final class HttpNotes {

	static final String READ_TIMEOUT_PROPERTY = "spring.http.clients.read-timeout";

	private HttpNotes() {
	}

	static String stuck(Environment environment, String perRequestFix) {
		Duration readTimeout = Binder.get(environment).bind(READ_TIMEOUT_PROPERTY, Duration.class).orElse(null);
		if (readTimeout == null) {
			return "no response within the stuck threshold, and no read timeout is configured for Boot's HTTP clients"
					+ " (" + READ_TIMEOUT_PROPERTY + "): set one, or " + perRequestFix;
		}
		return "no response within the stuck threshold although " + READ_TIMEOUT_PROPERTY + " is " + readTimeout
				+ ": the threshold is shorter, or this client's connector sets a longer timeout or none";
	}

}
