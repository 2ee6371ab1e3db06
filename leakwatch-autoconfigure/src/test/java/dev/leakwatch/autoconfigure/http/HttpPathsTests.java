package dev.leakwatch.autoconfigure.http;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source names fold ids from wherever they come, and drop matrix parameters, queries and
 * fragments.
 */
class HttpPathsTests {

	@Test
	void idsInLiteralUrisAndTemplatesFoldAlike() {
		assertThat(name("http://api.example.com/items/123", "http://api.example.com/items/123"))
			.isEqualTo("GET api.example.com/items/{id}");
		assertThat(name("http://api.example.com/items/123", null)).isEqualTo("GET api.example.com/items/{id}");
		assertThat(name("http://h/items/1", "/items/{itemId}")).isEqualTo("GET h/items/{itemId}");
	}

	@Test
	void digitRunsUuidsLongHexAndBase64LikeTokensAreIds() {
		assertThat(HttpPaths.fold("/orders/order-1234/lines/7")).isEqualTo("/orders/{id}/lines/{id}");
		assertThat(HttpPaths.fold("/days/2026-12-01")).isEqualTo("/days/{id}");
		assertThat(HttpPaths.fold("/items/3f2b8c1e-9d4a-4e7b-8c2a-1b2c3d4e5f60")).isEqualTo("/items/{id}");
		assertThat(HttpPaths.fold("/items/item_3f2b8c1e-9d4a-4e7b-8c2a-1b2c3d4e5f60")).isEqualTo("/items/{id}");
		assertThat(HttpPaths.fold("/commits/deadbeefcafebabe0123")).isEqualTo("/commits/{id}");
		assertThat(HttpPaths.fold("/blobs/deadbeefdeadbeef")).isEqualTo("/blobs/{id}");
		assertThat(HttpPaths.fold("/tokens/eyJhbGciOiJIUzI1NiJ9")).isEqualTo("/tokens/{id}");
		assertThat(HttpPaths.fold("/tokens/dGhpc0lzQVRva2Vu")).isEqualTo("/tokens/{id}");
		assertThat(HttpPaths.fold("/users/jane%40example.com/jane@example.com/J%C3%BCrgen"))
			.isEqualTo("/users/{id}/{id}/{id}");
	}

	@Test
	void wordsVersionsAndTemplateVariablesStay() {
		assertThat(HttpPaths.fold("/api/v2/oauth2/s3/customer-accounts/{accountId}/"))
			.isEqualTo("/api/v2/oauth2/s3/customer-accounts/{accountId}/");
		assertThat(HttpPaths.fold("")).isEqualTo("/");
		assertThat(HttpPaths.fold("relative/path")).isEqualTo("/relative/path");
	}

	@Test
	void matrixParametersQueriesAndFragmentsAreDropped() {
		assertThat(name("http://127.0.0.1/matrix;jsessionid=hunter2/abc", null)).isEqualTo("GET 127.0.0.1/matrix/abc");
		assertThat(name("http://h/x", "http://h/matrix;jsessionid=hunter2/abc;v=1?token=s3cret#part"))
			.isEqualTo("GET h/matrix/abc");
		assertThat(name("http://h/x", "/search#q=private")).isEqualTo("GET h/search");
		assertThat(name("http://user:pass@h/a?user=jane", "http://user:pass@h/a?user=jane")).isEqualTo("GET h/a");
	}

	@Test
	void hostLabelsThatAreIdsFoldAndAddressesStay() {
		assertThat(HttpPaths.host("tenant-48213.api.example.com")).isEqualTo("{id}.api.example.com");
		assertThat(HttpPaths.host("s3.eu-west-1.amazonaws.com")).isEqualTo("s3.eu-west-1.amazonaws.com");
		assertThat(HttpPaths.host("10.0.12.7")).isEqualTo("10.0.12.7");
		assertThat(HttpPaths.host("[::1]")).isEqualTo("[::1]");
	}

	private static String name(String url, String template) {
		return HttpSources.name("GET", URI.create(url), template);
	}

}
