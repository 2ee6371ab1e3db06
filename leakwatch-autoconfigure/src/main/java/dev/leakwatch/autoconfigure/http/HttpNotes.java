package dev.leakwatch.autoconfigure.http;

/** What a report says of an HTTP request that is stuck, for each kind of client. */
final class HttpNotes {

	static final String WEBCLIENT = "no response within the stuck threshold: the client's response timeout is "
			+ "longer or not set (set HttpClient.responseTimeout, or .timeout(...) on the request)";

	static final String RESTCLIENT = "no response within the stuck threshold: the request factory's read timeout "
			+ "is longer or not set";

	private HttpNotes() {
	}

}
