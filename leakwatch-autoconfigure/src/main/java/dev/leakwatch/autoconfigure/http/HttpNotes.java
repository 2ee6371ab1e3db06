package dev.leakwatch.autoconfigure.http;

/** What a report says of an HTTP request that is stuck or whose body nobody consumed. */
final class HttpNotes {

	static final String WEBCLIENT = "no response within the stuck threshold: the client's response timeout is "
			+ "longer or not set (set HttpClient.responseTimeout, or .timeout(...) on the request); a body never "
			+ "consumed keeps its connection from the pool";

	static final String RESTCLIENT = "no response within the stuck threshold: the request factory's read timeout "
			+ "is longer or not set; close the response (or read its body) to give its connection back";

	private HttpNotes() {
	}

}
