package dev.leakwatch.autoconfigure.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JDK HTTP server on 127.0.0.1 whose bodies arrive slowly: {@code /download} a chunk
 * every {@link #CHUNK_EVERY} for {@link #DOWNLOAD_TIME}, {@code /events} a server-sent
 * event as often until closed, {@code /stalled} one chunk and then nothing until closed;
 * {@code /ready} answers at once, with no body.
 */
final class TrickleServer implements AutoCloseable {

	static final Duration CHUNK_EVERY = Duration.ofMillis(200);

	static final Duration DOWNLOAD_TIME = Duration.ofMillis(4500);

	static final String CHUNK = "x".repeat(64);

	private final ExecutorService handlers = Executors.newCachedThreadPool();

	private final HttpServer server;

	private volatile boolean open = true;

	TrickleServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.handlers);
		this.server.createContext("/download", (exchange) -> trickle(exchange, "text/plain", CHUNK, DOWNLOAD_TIME));
		this.server.createContext("/events",
				(exchange) -> trickle(exchange, "text/event-stream", "data: tick\n\n", Duration.ofDays(1)));
		this.server.createContext("/stalled", (exchange) -> trickle(exchange, "text/plain", CHUNK, Duration.ZERO));
		this.server.createContext("/ready", (exchange) -> {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/**
	 * Writes {@code chunk} every {@link #CHUNK_EVERY} for {@code time}; after that, a
	 * zero time stalls.
	 */
	private void trickle(HttpExchange exchange, String contentType, String chunk, Duration time) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, 0);
		long end = System.nanoTime() + time.toNanos();
		try (OutputStream body = exchange.getResponseBody()) {
			do {
				body.write(chunk.getBytes(StandardCharsets.US_ASCII));
				body.flush();
				Thread.sleep(CHUNK_EVERY.toMillis());
			}
			while (this.open && System.nanoTime() - end < 0);
			while (this.open && time.isZero()) {
				Thread.sleep(CHUNK_EVERY.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.open = false;
		this.server.stop(0);
		this.handlers.shutdownNow();
		this.handlers.awaitTermination(10, TimeUnit.SECONDS);
	}

}
