package org.chartecookies.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import java.util.Optional;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.chartecookies.consent.ConsentCookieCodec;
import org.chartecookies.consent.ConsentDecision;

/**
 * A platform on loopback, with the JDK's HTTP server: the site on 127.0.0.1 (its registry is
 * {@code audit/fixture-registry.yaml}) and a third party on 127.0.0.2 (another site for the browser, as an ad
 * server's domain is). Its clean pages set only what the registry declares, when the visitor's decision allows it;
 * its seeded pages each break one rule, by an HTTP header or by a script. Also: a page that redirects to the third
 * party, a page missing, and a port that accepts connections and never answers.
 */
public final class FixturePlatform implements AutoCloseable {

	static final String THIRD_PARTY = "127.0.0.2";

	/** A host only the third party's frame calls (the fixture's third party listens on it too). */
	static final String FOURTH_PARTY = "127.0.0.3";

	/** 2 years, beyond any lifetime a browser keeps (Chromium caps them at 400 days, still over 13 months). */
	private static final int TWO_YEARS = 2 * 365 * 86400;

	private final HttpServer site;

	private final HttpServer thirdParty;

	private final HttpServer fourthParty;

	private final ServerSocket silent;

	private HttpsServer tls;

	private final List<Socket> held = new ArrayList<>();

	/** The paths the third party was asked for, in order. */
	private final List<String> thirdPartyRequests = java.util.Collections.synchronizedList(new ArrayList<>());

	public FixturePlatform() throws IOException {
		this.thirdParty = HttpServer.create(new InetSocketAddress(InetAddress.getByName(THIRD_PARTY), 0), 50);
		this.thirdParty.createContext("/", this::thirdParty);
		this.thirdParty.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.thirdParty.start();
		this.fourthParty = HttpServer.create(new InetSocketAddress(InetAddress.getByName(FOURTH_PARTY),
				this.thirdParty.getAddress().getPort()), 50);
		this.fourthParty.createContext("/", this::thirdParty);
		this.fourthParty.start();
		this.site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.site.createContext("/", this::site);
		this.site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.site.start();
		this.silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(this::holdConnections);
	}

	public URI page(String path) {
		return URI.create("http://127.0.0.1:" + this.site.getAddress().getPort() + path);
	}

	/** The pages that set only what the registry declares, when the decision allows it. */
	public List<URI> cleanPages(int count) {
		List<URI> pages = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			pages.add(page("/clean/" + i));
		}
		return pages;
	}

	List<String> thirdPartyRequests() {
		return List.copyOf(this.thirdPartyRequests);
	}

	/**
	 * A page served over HTTPS with a certificate no authority signed (made now by the JDK's keytool): a TLS error
	 * for a browser.
	 */
	URI selfSignedPage() throws IOException, GeneralSecurityException, InterruptedException {
		if (this.tls == null) {
			Path store = Files.createTempFile("fixture-tls", ".p12");
			Files.delete(store);
			Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
					"-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "fixture",
					"-keypass", "fixture", "-alias", "site", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext",
					"san=ip:127.0.0.1", "-validity", "2")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (keytool.waitFor() != 0) {
				throw new IOException("keytool failed");
			}
			KeyStore keys = KeyStore.getInstance(store.toFile(), "fixture".toCharArray());
			Files.delete(store);
			KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			managers.init(keys, "fixture".toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(managers.getKeyManagers(), null, null);
			this.tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			this.tls.setHttpsConfigurator(new HttpsConfigurator(context));
			this.tls.createContext("/", this::site);
			this.tls.start();
		}
		return URI.create("https://127.0.0.1:" + this.tls.getAddress().getPort() + "/clean/1");
	}

	/** An address that accepts connections and never answers. */
	public URI silentPage() {
		return URI.create("http://127.0.0.1:" + this.silent.getLocalPort() + "/");
	}

	private String pixel() {
		return "<img alt=\"\" src=\"http://" + THIRD_PARTY + ":" + this.thirdParty.getAddress().getPort() + "/pixel\">";
	}

	private void site(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Optional<ConsentDecision> decision = decision(exchange);
		boolean statistics = decision.map((held) -> held.accepts("statistics")).orElse(false);
		boolean ads = decision.map((held) -> held.accepts("ads")).orElse(false);
		StringBuilder body = new StringBuilder();
		List<String> cookies = new ArrayList<>();
		String script = "";
		if (path.startsWith("/clean/")) {
			cookies.add("csrftoken=t" + path.hashCode() + "; Path=/; Max-Age=" + (365 * 86400) + "; HttpOnly; SameSite=Lax");
			if (statistics) {
				cookies.add("_pk_id.1.clean=v; Path=/; Max-Age=" + (390 * 86400) + "; SameSite=Lax");
			}
			script = """
					localStorage.setItem('ui_theme', 'dark'); sessionStorage.setItem('last_search', 'x');
					var decided = new URLSearchParams((document.cookie.split('; ').find(function (c) {
					  return c.indexOf('cookies_preferences=') === 0; }) || '').slice('cookies_preferences='.length));
					if ((decided.get('accepted') || '').split('.').indexOf('statistics') >= 0) {
					  document.cookie = '_pk_ses.1.clean=1; path=/; max-age=1800';
					}""";
			if (ads) {
				body.append(pixel());
			}
		}
		else {
			switch (path) {
				case "/seed/undeclared-header" -> cookies.add("undeclared_h=1; Path=/");
				case "/seed/undeclared-js" -> script = "document.cookie = 'undeclared_js=1; path=/';";
				case "/seed/before-consent-header" -> cookies.add("_pk_id.1.h=1; Path=/; Max-Age=86400");
				case "/seed/before-consent-js" -> script = "document.cookie = '_pk_ses.1.js=1; path=/; max-age=1800';";
				case "/seed/before-consent-third-party" -> body.append(pixel());
				case "/framed" -> body.append("<iframe title=\"ad\" src=\"http://" + THIRD_PARTY + ":"
						+ this.thirdParty.getAddress().getPort() + "/frame\"></iframe>");
				case "/seed/after-refusal-header" -> {
					if (decision.isPresent()) {
						cookies.add("_pk_id.2.h=1; Path=/; Max-Age=86400");
					}
				}
				case "/seed/after-refusal-js" -> script = """
						if (document.cookie.indexOf('cookies_preferences=') >= 0) {
						  document.cookie = '_pk_ses.2.js=1; path=/; max-age=1800';
						}""";
				case "/seed/lifetime-header" -> cookies.add("sessionid=s; Path=/; Max-Age=" + (30 * 86400) + "; HttpOnly");
				case "/seed/lifetime-js" -> script = "document.cookie = 'django_language=fr; path=/; max-age=" + (10 * 86400) + "';";
				case "/seed/thirteen-months-header" -> cookies.add("long_pref=1; Path=/; Max-Age=" + TWO_YEARS);
				case "/seed/thirteen-months-js" -> script = "document.cookie = 'js_long_pref=1; path=/; max-age=" + TWO_YEARS + "';";
				case "/redirect-away" -> {
					exchange.getResponseHeaders().add("Location", "http://" + THIRD_PARTY + ":"
							+ this.thirdParty.getAddress().getPort() + "/landing");
					exchange.sendResponseHeaders(302, -1);
					exchange.close();
					return;
				}
				default -> {
					exchange.sendResponseHeaders(404, -1);
					exchange.close();
					return;
				}
			}
		}
		cookies.forEach((cookie) -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
		String html = "<!doctype html><html><head><title>" + path + "</title></head><body><p>" + path + "</p>" + body
				+ (script.isEmpty() ? "" : "<script>" + script + "</script>") + "</body></html>";
		send(exchange, "text/html", html);
	}

	private void thirdParty(HttpExchange exchange) throws IOException {
		this.thirdPartyRequests.add(exchange.getRequestURI().getPath());
		if (exchange.getRequestURI().getPath().equals("/frame")) {
			// An ad frame, which itself calls a fourth host.
			send(exchange, "text/html", "<!doctype html><title>ad</title><img alt=\"\" src=\"http://" + FOURTH_PARTY + ":"
					+ this.thirdParty.getAddress().getPort() + "/pixel\">");
			return;
		}
		// A third party's cookie must be SameSite=None and Secure to be set from another site (loopback counts as secure).
		exchange.getResponseHeaders().add("Set-Cookie", "tp_id=x; Path=/; Max-Age=86400; SameSite=None; Secure");
		send(exchange, "text/plain", "third party");
	}

	private static Optional<ConsentDecision> decision(HttpExchange exchange) {
		for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
			for (String pair : header.split(";\\s*")) {
				if (pair.startsWith(ConsentCookieCodec.COOKIE_NAME + "=")) {
					return ConsentCookieCodec.decode(pair.substring(ConsentCookieCodec.COOKIE_NAME.length() + 1));
				}
			}
		}
		return Optional.empty();
	}

	private static void send(HttpExchange exchange, String type, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
		exchange.getResponseHeaders().add("Cache-Control", "no-store");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void holdConnections() {
		try {
			while (true) {
				Socket socket = this.silent.accept();
				synchronized (this.held) {
					this.held.add(socket);
				}
			}
		}
		catch (IOException ex) {
			// Closed.
		}
	}

	@Override
	public void close() throws IOException {
		this.site.stop(0);
		this.thirdParty.stop(0);
		this.fourthParty.stop(0);
		if (this.tls != null) {
			this.tls.stop(0);
		}
		this.silent.close();
		synchronized (this.held) {
			for (Socket socket : this.held) {
				socket.close();
			}
		}
	}
}
