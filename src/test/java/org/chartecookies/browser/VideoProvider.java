package org.chartecookies.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A third party's video player on a second local origin ({@code http://127.0.0.1:port}, while the application is
 * {@code http://localhost:port}): it answers every request with a small player page that sets a cookie, and keeps
 * the path of every request it got, so that a test knows whether anything was asked of it.
 */
final class VideoProvider implements AutoCloseable {

	private final HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	VideoProvider() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			this.requests.add(exchange.getRequestURI().getPath());
			byte[] page = "<!DOCTYPE html><html lang=\"fr\"><title>Lecteur</title><p>Lecteur vidéo</p></html>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html;charset=UTF-8");
			exchange.getResponseHeaders().add("Set-Cookie", "VISITOR_INFO1_LIVE=tracked; Path=/");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(page);
			}
		});
		this.server.start();
	}

	String origin() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The paths asked of the provider so far, in order. */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The test registry with embeds (src/test/resources/registries/embeds.yaml), its embed's origin this provider's,
	 * written to a file for charte.registry.location.
	 */
	Path registry() {
		try {
			String yaml = Files.readString(Path.of("src/test/resources/registries/embeds.yaml"))
				.replace("http://127.0.0.1:1", origin());
			Path file = Files.createTempFile("embeds-", ".yaml");
			file.toFile().deleteOnExit();
			return Files.writeString(file, yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
